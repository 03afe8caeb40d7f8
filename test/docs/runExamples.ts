// Runs extracted examples one after another in this one process (started by examples.test.ts
// with tsx), so that src/ is loaded once: `node --import tsx/esm runExamples.ts manifest results`.
//
// An example is finished when the process would have exited had it run alone: its module has
// evaluated (top-level await included) and it left no timer, socket or server behind. What it
// printed with console.log until then is its output. Results are appended to a JSON-lines file
// as each example starts and ends, so that an example that ends the process (process.exit, a
// top-level await that never settles) is still named.
import { appendFileSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { format, inspect } from 'node:util'

/** One line of the manifest. */
export interface RunRequest {
  readonly id: string
  readonly file: string
}

/** One line of the results file. */
export type RunRecord =
  | { readonly id: string; readonly event: 'start' }
  | { readonly id: string; readonly event: 'end'; readonly logs: readonly string[]; readonly errors: readonly string[]; readonly ms: number }

const settleLimitMs = 10_000

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `thrown: ${inspect(error)}`
}

/** Active handles (timers, sockets, servers) by kind, as `process.getActiveResourcesInfo()` lists them. */
function activeResources(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return counts
}

function leftSince(before: ReadonlyMap<string, number>): string[] {
  return [...activeResources()].flatMap(([kind, count]) => {
    const extra = count - (before.get(kind) ?? 0)
    return extra > 0 ? [`${extra} × ${kind}`] : []
  })
}

/**
 * Evaluates one example and waits until it is done: its module has evaluated and the handles it
 * opened are gone. Nothing here keeps the event loop alive while the module evaluates, so a
 * top-level await that can never settle ends this process with Node's own exit code 13; the
 * test sees which example had started and runs the rest in a new process.
 */
async function runOne(file: string, errors: string[]): Promise<void> {
  const before = activeResources()
  let giveUp: NodeJS.Timeout | undefined
  const evaluating = new Promise<never>((_resolve, reject) => {
    giveUp = setTimeout(() => reject(new Error(`still evaluating after ${settleLimitMs / 1000} s`)), settleLimitMs).unref()
  })
  try {
    await Promise.race([import(pathToFileURL(file).href), evaluating])
  } catch (error) {
    errors.push(describe(error))
  } finally {
    clearTimeout(giveUp)
  }
  const deadline = Date.now() + settleLimitMs
  for (;;) {
    // Our own timer has fired by the time we look, so it is never counted as the example's.
    await new Promise((resolve) => setImmediate(resolve))
    const left = leftSince(before)
    if (left.length === 0) return
    if (Date.now() > deadline) {
      errors.push(`still open ${settleLimitMs / 1000} s after it ran: ${left.join(', ')} (close what it opens)`)
      return
    }
    await sleep(2)
  }
}

async function main(manifestPath: string, resultsPath: string): Promise<void> {
  const requests = JSON.parse(readFileSync(manifestPath, 'utf8')) as RunRequest[]
  const write = (record: RunRecord) => appendFileSync(resultsPath, `${JSON.stringify(record)}\n`)
  let current: { logs: string[]; errors: string[] } | undefined

  const log = console.log.bind(console)
  console.log = (...args: unknown[]) => (current ? current.logs.push(format(...args)) : log(...args))
  // Failures after the module has evaluated (in a timer, a subscription) belong to the example
  // that is running: examples run one at a time and each settles before the next starts.
  const report = (kind: string) => (error: unknown) => {
    if (current) current.errors.push(`${kind}: ${describe(error)}`)
    else {
      console.error(`runExamples: ${kind} outside any example: ${describe(error)}`)
      process.exit(1)
    }
  }
  process.on('uncaughtException', report('uncaught exception'))
  process.on('unhandledRejection', report('unhandled rejection'))

  for (const { id, file } of requests) {
    const example = { logs: [] as string[], errors: [] as string[] }
    current = example
    write({ id, event: 'start' })
    const started = performance.now()
    await runOne(file, example.errors)
    current = undefined
    write({ id, event: 'end', logs: example.logs, errors: example.errors, ms: Math.round(performance.now() - started) })
  }
}

const [manifestPath, resultsPath] = process.argv.slice(2)
if (manifestPath === undefined || resultsPath === undefined) {
  console.error('usage: node --import tsx/esm test/docs/runExamples.ts <manifest.json> <results.jsonl>')
  process.exit(2)
}
await main(manifestPath, resultsPath)
// Whatever an example left open (already reported) must not keep the process alive.
process.exit(0)
