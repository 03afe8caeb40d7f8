// The error tables of the README and of docs/guides/errors.md cannot drift from the union: their
// tags are the tags of `PixiiError` (read from the type by the compiler), each once, and their
// retry column agrees with the `retryable` flag of real instances of every variant.
import { expect } from 'chai'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { AbortedError, BufferOverflowError, DecodeError, FileSystemError, ImageExpiredError, InsufficientCreditsError, isPixiiError, JobFailedError, JobNotFoundError, NetworkError, NoActiveBrandError, RateLimitedError, RetriesExhaustedError, ServerError, SubmissionOutcomeUnknownError, TimeoutError, UnauthorizedError, ValidationError, type PixiiError, type PixiiErrorTag } from '../../src/index.js'
import { failedJob } from '../support/samples.js'
import { markdownTables } from './markdownTables.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The `_tag` literals of the PixiiError union, as the compiler sees them. */
function unionTags(): string[] {
  const file = join(root, 'src', 'errors', 'PixiiError.ts')
  const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  const alias = source?.statements.find((node): node is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(node) && node.name.text === 'PixiiErrorTag')
  if (alias === undefined) throw new Error('PixiiErrorTag not found in src/errors/PixiiError.ts')
  const type = checker.getTypeAtLocation(alias.name)
  const members = type.isUnion() ? type.types : [type]
  return members.map((member) => (member.isStringLiteral() ? member.value : checker.typeToString(member))).sort()
}

const context = { method: 'GET', path: '/v1/api/jobs/job_1' } as const
const refused = new NetworkError({ message: 'refused', failure: 'connection', context })

/**
 * Real instances of every variant, covering what decides `retryable`. Typed by tag, so a new
 * variant does not compile here until it has samples.
 */
const samples: { readonly [T in PixiiErrorTag]: readonly Extract<PixiiError, { _tag: T }>[] } = {
  Unauthorized: [new UnauthorizedError({ message: 'no', context: { ...context, status: 401 } })],
  JobNotFound: [new JobNotFoundError({ message: 'gone', jobId: 'job_1' })],
  Validation: [new ValidationError({ message: 'bad', source: 'client' }), new ValidationError({ message: 'bad', source: 'server' })],
  InsufficientCredits: [new InsufficientCreditsError({ message: 'poor' })],
  NoActiveBrand: [new NoActiveBrandError({ message: 'no brand' })],
  RateLimited: [new RateLimitedError({ message: 'slow down', retryAfterMs: 1_000, window: 'minute' }), new RateLimitedError({ message: 'slow down' })],
  Server: [400, 408, 409, 418, 500, 501, 502, 503, 504, 505, 599].map(
    (status) => new ServerError({ message: `status ${status}`, context: { ...context, status } }),
  ),
  Network: (['connection', 'reset', 'unparseable-body', 'body-too-large'] as const).map(
    (failure) => new NetworkError({ message: failure, failure }),
  ),
  Decode: [new DecodeError({ message: 'odd', issues: [] })],
  Timeout: (['request', 'first', 'each', 'total'] as const).map((deadline) => new TimeoutError({ message: deadline, deadline, ms: 1 })),
  JobFailed: [new JobFailedError({ message: 'failed', job: failedJob })],
  Aborted: [new AbortedError({ message: 'aborted' })],
  RetriesExhausted: [new RetriesExhaustedError({ message: 'gave up', lastError: refused, attempts: 9 })],
  SubmissionOutcomeUnknown: [
    new SubmissionOutcomeUnknownError({
      message: 'unknown', lastError: refused, asin: 'B0CHX1W1XY', jobType: 'Scale', sentAt: '2026-01-01T00:00:00.000Z',
      searchedUntil: '2026-01-01T00:01:00.000Z', candidates: [],
    }),
  ],
  ImageExpired: (['forbidden', 'gone', 'past-retention'] as const).map(
    (reason) => new ImageExpiredError({ message: reason, reason, jobId: 'job_1', adIndex: 0 }),
  ),
  BufferOverflow: [new BufferOverflowError({ message: 'full', maxBuffered: 10 })],
  FileSystem: [new FileSystemError({ message: 'disk full', code: 'ENOSPC', file: 'a.png' })],
}

type Verdict = 'all' | 'none' | 'some'

/**
 * What a retry cell claims. `no` …: none are retryable; `yes` … (without `except`): all are;
 * anything else (`depends: …`, `yes, except …`, `request only`): some are.
 */
function claimed(cell: string): Verdict {
  const text = cell.replace(/`/g, '').trim().toLowerCase()
  if (/^no\b/.test(text)) return 'none'
  if (/^yes\b/.test(text) && !/\bexcept\b/.test(text)) return 'all'
  return 'some'
}

function actual(tag: PixiiErrorTag): Verdict {
  const flags = samples[tag].map((error) => error.retryable)
  return flags.every(Boolean) ? 'all' : flags.some(Boolean) ? 'some' : 'none'
}

const documents = ['README.md', 'docs/guides/errors.md']
const tables = await Promise.all(
  documents.map(async (path) => ({
    path,
    tables: markdownTables(await readFile(join(root, path), 'utf8')).filter((table) => table.header[0] === '`_tag`'),
  })),
)

describe('error tables', function () {
  const tags = unionTags()

  it('reads the tags of the PixiiError union from the compiler', function () {
    expect(tags).to.include('JobFailed')
    expect(Object.keys(samples).sort()).to.deep.equal(tags)
  })

  it('isPixiiError recognises every variant, and only by its own tag', function () {
    for (const [tag, errors] of Object.entries(samples)) {
      for (const error of errors) {
        expect(isPixiiError(error), tag).to.equal(true)
        expect(isPixiiError(error, tag as PixiiErrorTag), tag).to.equal(true)
        expect(error._tag).to.equal(tag)
      }
    }
    expect(isPixiiError(Object.assign(new Error('x'), { _tag: 'NotOurs' }))).to.equal(false)
  })

  for (const { path, tables: found } of tables) {
    describe(path, function () {
      it('has one error table', function () {
        expect(found.length).to.equal(1)
      })

      const table = found[0]
      if (table === undefined) return

      it('lists every tag of the union once, and nothing else', function () {
        const listed = table.rows.map((row) => (row[0] ?? '').replace(/`/g, '').trim())
        expect([...listed].sort(), 'tags in the table').to.deep.equal(tags)
        expect(new Set(listed).size, 'each tag once').to.equal(listed.length)
      })

      it('says of each tag what its retryable flag says', function () {
        const column = table.header.findIndex((cell) => /retr/i.test(cell))
        expect(column, 'a retryable or retried column').to.be.greaterThan(0)
        const wrong = table.rows.flatMap((row) => {
          const tag = (row[0] ?? '').replace(/`/g, '').trim() as PixiiErrorTag
          if (samples[tag] === undefined) return []
          const cell = row[column] ?? ''
          return claimed(cell) === actual(tag) ? [] : [`${tag}: the table says "${cell}", the instances say ${actual(tag)} retryable`]
        })
        expect(wrong).to.deep.equal([])
      })

      it('names exactly the retryable statuses of ServerError', function () {
        const row = table.rows.find((candidate) => candidate[0] === '`Server`')
        const column = table.header.findIndex((cell) => /retr/i.test(cell))
        const named = [...(row?.[column] ?? '').matchAll(/\b[1-5]\d\d\b/g)].map((match) => Number(match[0])).sort()
        const retryable = samples.Server.filter((error) => error.retryable).map((error) => error.context.status).sort()
        expect(named).to.deep.equal(retryable)
      })
    })
  }
})
