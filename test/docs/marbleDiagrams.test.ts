// The marble diagrams of docs/guides cannot drift: each ```text marbles:<id> block is run here
// with RxJS's TestScheduler against the operator it shows. The call line, every row's marbles,
// every subscription row and every `# = Tag: message` legend must be what the operator does.
import { expect } from 'chai'
import { left, right } from 'fp-ts/lib/Either.js'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catchError, defer, throwError, type Observable, type SchedulerLike } from 'rxjs'
import type { TestScheduler } from 'rxjs/testing'
import { completedJob as completedJobOperator, isPixiiError, JobFailedError, jobTimeout, JobNotFoundError, NetworkError, partitionAds, retryTransient, ServerError, splitAds, toEither, type Job, type PixiiError } from '../../src/index.js'
import type { FailedAd, SucceededAd } from '../../src/advanced/index.js'
import { testScheduler } from '../support/marbles.js'
import { completedJob, failedJob, pendingJob } from '../support/samples.js'
import { marbleDiagramsIn, splitAttempt, type MarbleDiagram } from './marbleDiagrams.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const guides = join(root, 'docs', 'guides')

const processingJob: Job = { ...pendingJob, status: 'processing', started_at: '2026-01-01T00:00:05.000Z' }
const [a, x] = completedJob.output.ads as [SucceededAd, FailedAd]
const split = {
  job: completedJob, succeeded: [a], failed: [x], creditsCharged: 20, creditsRefunded: 10, expiresAt: '2026-01-08T00:02:05.000Z',
}

const get = { method: 'GET', path: '/v1/api/jobs/job_0001', jobId: 'job_0001' } as const
const post = { method: 'POST', path: '/v1/api/listing_builder' } as const
const refused = new NetworkError({ message: 'connection refused', failure: 'connection', context: get })
const unavailable = new ServerError({ message: 'Service Unavailable', context: { ...get, status: 503 } })
const resetAfterSending = new NetworkError({ message: 'connection reset after the request was sent', failure: 'reset', context: post })
const notFound = new JobNotFoundError({ message: 'Job job_0001 was not found', jobId: 'job_0001', context: get })
const jobFailed = new JobFailedError({ message: 'Job job_0001 failed: GENERATION_FAILED', job: failedJob })

/** How to run one diagram: the call it shows, the errors its input rows stand for, the operator. */
interface DiagramCase {
  readonly call: string
  /** What a `#` means in each input row (by label). */
  readonly errors?: Readonly<Record<string, PixiiError>>
  /** The values of the letters, on top of the common ones. */
  readonly values?: Readonly<Record<string, unknown>>
  /** The outputs, by row label, from the input (`source`, `job$` or the `attempt` rows in turn). */
  readonly run: (input: Observable<unknown>, scheduler: SchedulerLike) => Readonly<Record<string, Observable<unknown>>>
}

const common: Readonly<Record<string, unknown>> = {
  p: pendingJob, r: processingJob, c: completedJob, f: failedJob, a, x, s: split,
  P: right(pendingJob), R: right(processingJob), C: right(completedJob),
}

const asJobs = (input: Observable<unknown>) => input as Observable<Job>

const cases: Readonly<Record<string, DiagramCase>> = {
  'retryTransient-backoff': {
    call: 'retryTransient({ initialDelayMs: 2, jitter: 0 })',
    errors: { 'attempt 1': refused, 'attempt 2': unavailable },
    run: (input, scheduler) => ({ result: input.pipe(retryTransient({ initialDelayMs: 2, jitter: 0, scheduler })) }),
  },
  'retryTransient-exhausted': {
    call: 'retryTransient({ maxRetries: 1, initialDelayMs: 2, jitter: 0 })',
    errors: { 'attempt 1': refused, 'attempt 2': refused },
    run: (input, scheduler) => ({ result: input.pipe(retryTransient({ maxRetries: 1, initialDelayMs: 2, jitter: 0, scheduler })) }),
  },
  'retryTransient-fatal': {
    call: 'retryTransient()',
    errors: { source: notFound },
    run: (input) => ({ result: input.pipe(retryTransient()) }),
  },
  'retryTransient-post': {
    call: 'retryTransient()',
    errors: { source: resetAfterSending },
    run: (input) => ({ result: input.pipe(retryTransient()) }),
  },
  'jobTimeout-first': {
    call: 'jobTimeout({ first: 3 })',
    run: (input, scheduler) => ({ result: input.pipe(jobTimeout({ first: 3 }, scheduler)) }),
  },
  'jobTimeout-each': {
    call: 'jobTimeout({ first: 3, each: 8 })',
    run: (input, scheduler) => ({ result: input.pipe(jobTimeout({ first: 3, each: 8 }, scheduler)) }),
  },
  'jobTimeout-total': {
    call: 'jobTimeout({ total: 6 })',
    run: (input, scheduler) => ({ result: input.pipe(jobTimeout({ total: 6 }, scheduler)) }),
  },
  'jobTimeout-met': {
    call: 'jobTimeout({ first: 2, each: 4, total: 8 })',
    run: (input, scheduler) => ({ result: input.pipe(jobTimeout({ first: 2, each: 4, total: 8 }, scheduler)) }),
  },
  'splitAds': {
    call: 'splitAds()',
    run: (input) => ({ result: asJobs(input).pipe(splitAds()) }),
  },
  'partitionAds': {
    call: 'partitionAds(job$)',
    run: (input) => {
      const [succeeded$, failed$] = partitionAds(asJobs(input))
      return { 'succeeded$': succeeded$, 'failed$': failed$ }
    },
  },
  'toEither-completed': {
    call: 'toEither()',
    run: (input) => ({ result: input.pipe(toEither()) }),
  },
  'toEither-error': {
    call: 'toEither()',
    errors: { source: notFound },
    values: { L: left(notFound) },
    run: (input) => ({ result: input.pipe(toEither()) }),
  },
  'completedJob': {
    call: 'completedJob()',
    run: (input) => ({ result: asJobs(input).pipe(completedJobOperator()) }),
  },
  'completedJob-failed': {
    call: 'completedJob()',
    errors: { source: jobFailed },
    run: (input) => ({ result: asJobs(input).pipe(completedJobOperator()) }),
  },
}

type ColdObservable = ReturnType<Parameters<Parameters<TestScheduler['run']>[0]>[0]['cold']>

const legendOf = (error: unknown): string =>
  isPixiiError(error) ? `${error._tag}: ${error.message}` : `not a PixiiError: ${String(error)}`

const inputLabels = new Set(['source', 'job$'])
const isAttempt = (label: string) => /^attempt \d+$/.test(label)

/** Runs one diagram; throws with the first difference. */
function check(diagram: MarbleDiagram, spec: DiagramCase): void {
  expect(diagram.unreadable, 'lines that are not label: marbles').to.deep.equal([])
  expect(diagram.call, `${diagram.source}:${diagram.line}: the call shown`).to.equal(spec.call)
  const values = { ...common, ...spec.values }
  const inputs = diagram.rows.filter((row) => inputLabels.has(row.label) || isAttempt(row.label))
  for (const row of inputs) {
    if (!row.marbles.includes('#')) continue
    const error = spec.errors?.[row.label]
    expect(error, `${diagram.source}:${row.line}: what does # stand for in "${row.label}"?`).to.not.equal(undefined)
    expect(row.errorLegend, `${diagram.source}:${row.line}: the legend of # in "${row.label}"`).to.equal(legendOf(error))
  }
  const scheduler = testScheduler()
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    let input: Observable<unknown>
    const subscriptionChecks: { cold: ColdObservable; marbles: string }[] = []
    const attempts = inputs.filter((row) => isAttempt(row.label))
    if (attempts.length > 0) {
      const sources = attempts.map((row) => {
        const { cold: marbles, subscription } = splitAttempt(row.marbles)
        const source = cold(marbles, values, spec.errors?.[row.label])
        subscriptionChecks.push({ cold: source, marbles: subscription })
        return source
      })
      let next = 0
      input = defer(() => {
        const source = sources[next++]
        if (source === undefined) throw new Error(`subscription #${next} has no attempt row`)
        return source
      })
    } else {
      const row = inputs[0]
      if (row === undefined || inputs.length > 1) throw new Error(`${diagram.source}:${diagram.line}: needs one input row (source or job$) or attempt rows`)
      const source = cold(row.marbles, values, spec.errors?.[row.label])
      const subscription = diagram.rows.find((candidate) => candidate.label === 'subscription')
      if (subscription !== undefined) subscriptionChecks.push({ cold: source, marbles: subscription.marbles })
      input = source
    }
    const outputs = spec.run(input, scheduler)
    const outputRows = diagram.rows.filter((row) => !inputs.includes(row) && row.label !== 'subscription')
    expect(outputRows.map((row) => row.label).sort(), 'the output rows').to.deep.equal(Object.keys(outputs).sort())
    for (const row of outputRows) {
      const output = outputs[row.label]!.pipe(catchError((error: unknown) => throwError(() => legendOf(error))))
      if (row.marbles.includes('#')) {
        expect(row.errorLegend, `${diagram.source}:${row.line}: the legend of # in "${row.label}"`).to.be.a('string')
      }
      expectObservable(output).toBe(row.marbles, values, row.errorLegend)
    }
    for (const { cold: source, marbles } of subscriptionChecks) expectSubscriptions(source.subscriptions).toBe(marbles)
  })
}

const files = (await readdir(guides).catch(() => [])).filter((name) => name.endsWith('.md')).sort()
const diagrams = (
  await Promise.all(files.map(async (name) => marbleDiagramsIn(`docs/guides/${name}`, await readFile(join(guides, name), 'utf8'))))
).flat()

describe('marble diagrams of the guides', function () {
  it('finds a diagram for every operator in src/operators', async function () {
    const operators = (await readdir(join(root, 'src', 'operators'))).map((name) => name.replace(/\.ts$/, '')).sort()
    const shown = new Set(diagrams.map((diagram) => diagram.id.split('-')[0]))
    expect(operators.filter((name) => !shown.has(name)), 'operators without a diagram').to.deep.equal([])
  })

  it('knows how to run every diagram, and finds every diagram it knows', function () {
    const ids = diagrams.map((diagram) => diagram.id)
    expect(ids.filter((id) => cases[id] === undefined), 'diagrams without a case here').to.deep.equal([])
    expect(Object.keys(cases).filter((id) => !ids.includes(id)), 'cases without a diagram').to.deep.equal([])
    expect(new Set(ids).size, 'each id once').to.equal(ids.length)
  })

  for (const diagram of diagrams) {
    const spec = cases[diagram.id]
    if (spec === undefined) continue
    it(`${diagram.id} (${diagram.source}:${diagram.line}) is what ${spec.call} does`, function () {
      check(diagram, spec)
    })
  }
})
