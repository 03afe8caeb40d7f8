// The README's "Client options" table cannot drift from the code: it lists exactly the fields of
// PixiiClientOptions, each with a type and an example, and each row's default is the field's
// TSDoc @defaultValue, which in turn is the default normalizeOptions really applies.
//
// A default is compared by its head: the first code span when the text starts with one
// (`30_000`), else the words before the first , : ; or ( (none, Math.random).
import { expect } from 'chai'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { asyncScheduler } from 'rxjs'
import ts from 'typescript'
import { normalizeOptions, type ClientSettings } from '../../src/client/normalizeOptions.js'
import { defaultFetch } from '../../src/http/defaultFetch.js'
import { browserPage } from '../../src/browser/browserPage.js'
import { markdownTables } from './markdownTables.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const optionsFile = join(root, 'src', 'client', 'PixiiClientOptions.ts')

/** The head of a default: what is compared. */
export function headOf(text: string): string {
  const trimmed = text.trim()
  if (trimmed.startsWith('`')) return /^`([^`]*)`/.exec(trimmed)?.[1]?.trim() ?? trimmed
  return (/^[^,:;(]*/.exec(trimmed)?.[0] ?? trimmed).trim()
}

/** Each field of PixiiClientOptions with the text of its @defaultValue (undefined when missing). */
function documentedDefaults(): Map<string, string | undefined> {
  const source = ts.createSourceFile(optionsFile, ts.sys.readFile(optionsFile) ?? '', ts.ScriptTarget.Latest, true)
  const declaration = source.statements.find(
    (node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === 'PixiiClientOptions',
  )
  if (declaration === undefined) throw new Error('PixiiClientOptions not found')
  return new Map(
    declaration.members.filter(ts.isPropertySignature).map((member) => {
      const tag = ts.getJSDocTags(member).find((candidate) => candidate.tagName.text === 'defaultValue')
      return [member.name.getText(source), tag === undefined ? undefined : (ts.getTextOfJSDocComment(tag.comment) ?? '')]
    }),
  )
}

// The defaults that are not literals, by the name the docs give them.
const named: Readonly<Record<string, unknown>> = { defaultFetch, asyncScheduler, browserPage, 'Math.random': Math.random }

/** The value a head stands for, or `undefined` when it is not a plain value (a call, `none`). */
function valueOf(head: string): { readonly value: unknown } | undefined {
  if (Object.hasOwn(named, head)) return { value: named[head] }
  if (head === 'none' || /\w\(/.test(head)) return undefined
  // A literal as the docs write it (`30_000`, `'https://…'`, `{ waitMs: 60_000 }`), read as JSON.
  const json = head
    .replace(/(\d)_(?=\d)/g, '$1')
    .replace(/'([^']*)'/g, (_match, text: string) => JSON.stringify(text))
    .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":')
  return { value: JSON.parse(json) as unknown }
}

// Where each option's default shows in the normalised settings.
const applied: Readonly<Record<string, ((settings: ClientSettings) => unknown) | 'not observable'>> = {
  apiKey: (settings) => settings.apiKey,
  baseUrl: (settings) => settings.baseUrl,
  dangerouslyAllowLiveKeyInBrowser: 'not observable', // only read in a browser, where it refuses or allows a live key
  fetch: (settings) => settings.fetch,
  scheduler: (settings) => settings.scheduler,
  requestTimeoutMs: (settings) => settings.requestTimeoutMs,
  maxBodyBytes: (settings) => settings.maxBodyBytes,
  maxInFlight: (settings) => settings.gate.limit,
  schedule: (settings) => settings.schedule,
  retry: (settings) => settings.retry,
  onPoll: (settings) => settings.onPoll,
  random: (settings) => settings.random,
  rateLimits: (settings) => settings.rateLimits,
  limiter: (settings) => settings.limiter,
  outcomeLookup: (settings) => settings.outcomeLookup,
  watchTimeoutMs: (settings) => settings.watchTimeoutMs,
  pauseWhenHidden: (settings) => settings.pauseWhenHidden,
  page: (settings) => settings.page,
  serverPush: (settings) => settings.serverPush,
}

const readme = await readFile(join(root, 'README.md'), 'utf8')
const table = markdownTables(readme).find((candidate) => candidate.heading === 'Client options' && candidate.header[0] === 'option')
const rows = new Map((table?.rows ?? []).map((row) => [(row[0] ?? '').replace(/`/g, '').trim(), row]))
const documented = documentedDefaults()

describe('README client options', function () {
  it('has a table of options with type, default and example columns', function () {
    expect(table?.header).to.deep.equal(['option', 'type', 'default', 'example'])
  })

  it('lists exactly the fields of PixiiClientOptions', function () {
    expect([...rows.keys()].sort()).to.deep.equal([...documented.keys()].sort())
  })

  it('gives every option a type and an example', function () {
    const missing = [...rows].filter(([, row]) => !(row[1] ?? '').trim() || !(row[3] ?? '').trim()).map(([name]) => name)
    expect(missing).to.deep.equal([])
  })

  it('documents a @defaultValue on every field of PixiiClientOptions', function () {
    expect([...documented].filter(([, text]) => text === undefined || text.trim() === '').map(([name]) => name)).to.deep.equal([])
  })

  for (const [name, text] of documented) {
    it(`${name}: the README default is the @defaultValue, and the one normalizeOptions applies`, function () {
      const row = rows.get(name)
      if (row === undefined || text === undefined) this.skip()
      const head = headOf(text)
      expect(headOf(row[2] ?? ''), `README default of ${name} against its @defaultValue "${text}"`).to.equal(head)
      const how = applied[name]
      expect(how, `how to see the default of ${name} in ClientSettings (add it to this test)`).to.not.equal(undefined)
      if (how === 'not observable' || how === undefined) return
      // apiKey is given (it is required here), so its "none" cannot be seen; the rest are left out.
      const settings = normalizeOptions({ apiKey: 'pk_test_docs' }, { browser: false })
      const expected = valueOf(head)
      if (expected !== undefined) expect(how(settings), `the default normalizeOptions applies to ${name}`).to.deep.equal(expected.value)
      else if (head === 'none' && name !== 'apiKey') expect(how(settings), `${name} has no default`).to.equal(undefined)
      else if (head === 'adaptiveSchedule()') {
        const other = normalizeOptions({ apiKey: 'pk_test_docs' }, { browser: false })
        expect(how(settings)).to.have.property('exportState').that.is.a('function')
        expect(how(settings), 'a new schedule for each client').to.not.equal(how(other))
      }
    })
  }
})
