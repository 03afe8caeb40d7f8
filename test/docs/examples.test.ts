// Examples that cannot drift: every ```ts block of a TSDoc @example in src/ and of README.md and
// docs/**/*.md is written to .tmp/examples/run-<pid>/, type-checked with the project's compiler
// options, and run; what it prints with console.log must equal its `// Output:` comments, one
// per line, in order. A block without `// Output:` must run without throwing. ```ts no-run is
// type-checked only; ```ts no-check is neither (it shows as pending).
import { expect } from 'chai'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { extractExamples, type Example } from './extractExamples.js'
import type { RunRecord, RunRequest } from './runExamples.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const runsDir = join(root, '.tmp', 'examples')
// One folder per test process, as engineers who share a working tree may run npm test at once.
// It is kept after the run, to be read when an example fails, and removed by a later run.
const outDir = join(runsDir, `run-${process.pid}`)
const runner = fileURLToPath(new URL('./runExamples.ts', import.meta.url))
const header = (example: Example) =>
  `// Generated from ${example.source}:${example.line} (${example.name}) by test/docs/examples.test.ts: edit the source, not this file.`
const headerLines = 1

// The package's public specifiers, pointed at the sources. Relative `.js` specifiers rather than
// file URLs: tsc resolves these to the .ts files under NodeNext, and tsx runs them.
const entryPoints: Readonly<Record<string, string>> = {
  'pixii-rx': 'src/index.js',
  'pixii-rx/testing': 'src/testing/index.js',
  'pixii-rx/proxy': 'src/proxy/index.js',
  'pixii-rx/node': 'src/node/index.js',
  'pixii-rx/advanced': 'src/advanced/index.js',
  'pixii-rx/watcher': 'src/watcher/index.js',
  'pixii-rx/react': 'src/react/index.js',
  'pixii-rx/redis': 'src/redis/index.js',
  'pixii-rx/catalogue': 'src/catalogue/index.js',
}

/**
 * Points `pixii-rx` and its subpaths in `entryPoints` at the sources, and a relative specifier
 * (an example of an internal module importing `./model.js`) at the file it means from the
 * documented file.
 */
function rewriteImports(code: string, source: string): string {
  const importing = /\b(from\s+|import\s*\(\s*|import\s+)(['"])(pixii-rx(?:\/[\w-]+)?|\.{1,2}\/[^'"]*)\2/g
  return code.replace(importing, (match, keyword: string, quote: string, specifier: string) => {
    const target = specifier.startsWith('.') ? join(root, dirname(source), specifier) : entryPoints[specifier]
    if (target === undefined) return match
    const rewritten = relative(outDir, resolve(root, target)).split(sep).join('/')
    return `${keyword}${quote}${rewritten.startsWith('.') ? rewritten : `./${rewritten}`}${quote}`
  })
}

interface Prepared {
  readonly example: Example
  readonly id: string
  readonly file: string
  readonly title: string
}

const { examples, problems } = await extractExamples(root)

const prepared: Prepared[] = examples.map((example, index) => {
  const id = `${String(index).padStart(3, '0')}_${example.source}_${example.name}_L${example.line}`.replace(/[^A-Za-z0-9]+/g, '_')
  const sameName = examples.filter((other) => other.source === example.source && other.name === example.name)
  const ordinal = sameName.length > 1 ? ` (example ${sameName.indexOf(example) + 1})` : ''
  const mode = example.run ? '' : example.check ? ' [no-run: type-checked only]' : ' [no-check]'
  return { example, id, file: join(outDir, `${id}.ts`), title: `${example.name}${ordinal}${mode}` }
})

/** Rewrites locations in the generated file (stack traces) into locations in the documented source. */
function toSourceLocations(text: string, item: Prepared): string {
  const generated = [pathToFileURL(item.file).href, item.file].map((path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return text.replace(new RegExp(`(?:${generated.join('|')}):(\\d+)(?::(\\d+))?`, 'g'), (_match, line: string, column?: string) => {
    const sourceLine = item.example.line + Number(line) - 1 - headerLines
    return `${item.example.source}:${sourceLine}${column === undefined ? '' : `:${column}`}`
  })
}

interface TypeCheck {
  readonly global: readonly string[]
  readonly byFile: ReadonlyMap<string, readonly string[]>
}

/** Type-checks the generated files in one program with the options of tsconfig.json. */
function typeCheck(items: readonly Prepared[], configPath: string): TypeCheck {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  }
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, host)
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`)
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options })
  const show = (diagnostic: ts.Diagnostic, item?: Prepared) => {
    const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    const where = item ? `${item.example.source}:${item.example.line + line - headerLines}` : `${diagnostic.file.fileName}:${line + 1}`
    return `${where}:${character + 1} ${message}`
  }
  const global = [...parsed.errors, ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((diagnostic) => show(diagnostic))
  const byFile = new Map(
    items.map((item) => {
      const sourceFile = program.getSourceFile(item.file)
      if (sourceFile === undefined) return [item.id, [`${item.file} is not part of the program`]]
      const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
      return [item.id, diagnostics.map((diagnostic) => show(diagnostic, item))]
    }),
  )
  return { global, byFile }
}

type Ended = Extract<RunRecord, { event: 'end' }>

interface RunOutcome {
  readonly ended: ReadonlyMap<string, Ended>
  /** Examples during which the runner process ended, with how it ended and what it printed. */
  readonly crashed: ReadonlyMap<string, string>
  /** Set when the runner ended outside any example (it could not start, say). */
  readonly failure?: string
}

interface Round {
  readonly records: readonly RunRecord[]
  readonly exit: string
  readonly output: string
}

const exitMeaning: Readonly<Record<string, string>> = {
  'exit code 13': 'its top-level await never settles (Node exits with code 13 when nothing is left that could settle it): if it is a sketch, mark it ```ts no-run',
}

/** One runner process over some examples. Spawned synchronously, so that it works while tsc checks. */
function startRound(requests: readonly RunRequest[], round: number): Promise<Round> {
  const manifestPath = join(outDir, `manifest-${round}.json`)
  const resultsPath = join(outDir, `results-${round}.jsonl`)
  writeFileSync(manifestPath, JSON.stringify(requests, null, 2))
  const child = spawn(process.execPath, ['--import', 'tsx/esm', runner, manifestPath, resultsPath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      readFile(resultsPath, 'utf8')
        .catch(() => '')
        .then((text) => {
          const records = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as RunRecord)
          resolve({ records, exit: signal ? `killed by ${signal}` : `exit code ${code}`, output })
        }, reject)
    })
  })
}

/**
 * Runs every example, one runner process after another: when an example ends the process, it
 * is reported as such and the examples after it run in a new process.
 */
async function runAll(requests: readonly RunRequest[], first: Promise<Round>): Promise<RunOutcome> {
  const ended = new Map<string, Ended>()
  const crashed = new Map<string, string>()
  let remaining = requests
  let round = first
  for (let count = 1; ; count++) {
    const { records, exit, output } = await round
    for (const record of records) if (record.event === 'end') ended.set(record.id, record)
    remaining = remaining.filter((request) => !ended.has(request.id))
    const started = records.find((record) => record.event === 'start' && !ended.has(record.id))
    if (remaining.length === 0) return { ended, crashed }
    if (started === undefined) return { ended, crashed, failure: `the runner ended (${exit}) outside any example:\n${output}` }
    crashed.set(started.id, `${exitMeaning[exit] ?? `the runner process ended (${exit}) while running it`}\n${output}`.trimEnd())
    remaining = remaining.filter((request) => request.id !== started.id)
    if (remaining.length === 0) return { ended, crashed }
    round = startRound(remaining, count + 1)
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0) // signal 0 sends nothing: it only asks whether the process exists
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function removeFinishedRuns(): Promise<void> {
  for (const name of await readdir(runsDir).catch(() => [])) {
    const pid = /^run-(\d+)$/.exec(name)?.[1]
    if (pid !== undefined && isRunning(Number(pid))) continue
    await rm(join(runsDir, name), { recursive: true, force: true })
  }
}

let checked: TypeCheck = { global: [], byFile: new Map() }
let ran: RunOutcome = { ended: new Map(), crashed: new Map(), failure: 'the runner did not start' }

describe('documentation examples', function () {
  before(async function () {
    this.timeout(120_000)
    await removeFinishedRuns()
    await mkdir(outDir, { recursive: true })
    await Promise.all(prepared.map((item) => writeFile(item.file, `${header(item.example)}\n${rewriteImports(item.example.code, item.example.source)}\nexport {}\n`)))
    const configPath = join(outDir, 'tsconfig.json')
    const config = {
      extends: relative(outDir, join(root, 'tsconfig.json')).split(sep).join('/'),
      // Unused names are fine in an example (a function that shows a signature); everything else
      // is the project's own strictness. No mocha globals in examples.
      compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false, types: ['node'] },
      files: prepared.filter((item) => item.example.check).map((item) => relative(outDir, item.file)),
      include: [],
    }
    await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`)
    const requests: RunRequest[] = prepared.filter((item) => item.example.run).map(({ id, file }) => ({ id, file }))
    const firstRound = startRound(requests, 1)
    checked = typeCheck(prepared.filter((item) => item.example.check), configPath)
    ran = await runAll(requests, firstRound)
  })

  it('finds the examples in src/, README.md and docs/', function () {
    expect(examples.length).to.be.greaterThan(0)
  })

  it('finds no @example it cannot check', function () {
    expect(problems.map((problem) => `${problem.source}:${problem.line} (${problem.name}): ${problem.message}`)).to.deep.equal([])
  })

  it('type-checks them with the compiler options of tsconfig.json', function () {
    expect(checked.global).to.deep.equal([])
  })

  for (const source of [...new Set(prepared.map((item) => item.example.source))]) {
    describe(source, function () {
      for (const item of prepared.filter((candidate) => candidate.example.source === source)) {
        const test = item.example.check ? it : it.skip
        test(item.title, function () {
          const failures: string[] = []
          const typeErrors = checked.byFile.get(item.id) ?? []
          if (typeErrors.length > 0) failures.push(`it does not type-check:\n${typeErrors.join('\n')}`)
          const result = ran.ended.get(item.id)
          if (!item.example.run) {
            // type-checked only
          } else if (ran.crashed.has(item.id)) {
            failures.push(toSourceLocations(ran.crashed.get(item.id) ?? '', item))
          } else if (result === undefined) {
            failures.push(`it did not run: ${ran.failure ?? 'no result'}`)
          } else if (result.errors.length > 0) {
            const printed = result.logs.length > 0 ? `\nIt printed before that:\n${result.logs.join('\n')}` : ''
            failures.push(`it failed when run:\n${toSourceLocations(result.errors.join('\n\n'), item)}${printed}`)
          }
          if (failures.length > 0 && item.example.run && /^\s*declare\s/m.test(item.example.code)) {
            failures.push('It declares what it uses (`declare const`): if it is a sketch, mark it ```ts no-run.')
          }
          if (failures.length > 0) throw new Error(failures.join('\n\n'))
          if (result !== undefined && item.example.expectedOutput.length > 0) {
            expect(result.logs, 'console.log lines (actual) against the // Output: comments (expected)').to.deep.equal(item.example.expectedOutput)
          }
        })
      }
    })
  }
})
