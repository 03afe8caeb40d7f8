// Type tests of the operators: `tsc --noEmit` (part of `npm test`) checks them. Each
// `@ts-expect-error` line proves that something wrong does not compile; the Equal checks pin the
// exact public types. The runtime part only makes sure the file's values are what they claim.
import { expect } from 'chai'
import type { Either } from 'fp-ts/lib/Either.js'
import { forkJoin, lastValueFrom, of, type MonoTypeOperatorFunction, type Observable, type OperatorFunction } from 'rxjs'
import { completedJob, jobTimeout, partitionAds, retryTransient, splitAds, toEither, type CompletedJob, type Job, type PixiiError, type SplitAds } from '../../src/index.js'
import type { FailedAd, JobOutput, PendingJob, SucceededAd } from '../../src/advanced/index.js'
import { completedJob as sample, pendingJob } from '../support/samples.js'

/** True only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
/** Compiles only when given `true`. */
function assertType<_Check extends true>(): void {}
/** Compiles only when `value` is assignable to `T`. */
function expectType<T>(_value: T): void {}

// Signatures.
assertType<Equal<ReturnType<typeof splitAds>, OperatorFunction<Job, SplitAds>>>()
assertType<Equal<ReturnType<typeof completedJob>, OperatorFunction<Job, CompletedJob>>>()
assertType<Equal<ReturnType<typeof partitionAds>, [Observable<SucceededAd>, Observable<FailedAd>]>>()
assertType<Equal<ReturnType<typeof toEither<CompletedJob>>, OperatorFunction<CompletedJob, Either<PixiiError, CompletedJob>>>>()
assertType<Equal<ReturnType<typeof retryTransient<Job>>, MonoTypeOperatorFunction<Job>>>()
assertType<Equal<ReturnType<typeof jobTimeout<Job>>, MonoTypeOperatorFunction<Job>>>()

// SplitAds: each side has the precise ad type.
assertType<Equal<SplitAds['succeeded'], SucceededAd[]>>()
assertType<Equal<SplitAds['failed'], FailedAd[]>>()
assertType<Equal<SplitAds['expiresAt'], string | null>>()
assertType<Equal<SplitAds['job'], CompletedJob>>()

function splitSides(split: SplitAds): void {
  const url: string = split.succeeded[0]!.preview_url
  expectType<null>(split.succeeded[0]!.error)
  // @ts-expect-error: a failed ad has no URL, its preview_url is null
  const failedUrl: string = split.failed[0]!.preview_url
  expectType<null>(split.failed[0]!.preview_url)
  const code: string = split.failed[0]!.error.code
  // @ts-expect-error: a succeeded ad has no error to read a code from
  void split.succeeded[0]!.error.code
  // @ts-expect-error: noUncheckedIndexedAccess: an index may be out of bounds
  expectType<SucceededAd>(split.succeeded[0])
  // @ts-expect-error: the expiry is null without completed_at
  expectType<string>(split.expiresAt)
  expectType<number>(split.creditsCharged + split.creditsRefunded)
  expectType<JobOutput>(split.job.output)
  void [url, failedUrl, code]
}

// Only a completed job has an output that is never null.
function outputs(job: Job, pending: PendingJob): void {
  // @ts-expect-error: a job of any status may have no output
  expectType<JobOutput>(job.output)
  // @ts-expect-error: a pending job has no output yet
  expectType<unknown>(pending.output.ads)
  if (job.status === 'completed') expectType<JobOutput>(job.output)
}

// The operators accept only what they are meant for.
function misuse(numbers$: Observable<number>, job$: Observable<Job>): void {
  // @ts-expect-error: splitAds takes jobs
  numbers$.pipe(splitAds())
  // @ts-expect-error: completedJob takes jobs
  numbers$.pipe(completedJob())
  // @ts-expect-error: partitionAds takes an Observable of jobs
  partitionAds(numbers$)
  // @ts-expect-error: a typo in the configuration is caught
  job$.pipe(retryTransient({ maxRetry: 3 }))
  // @ts-expect-error: deadlines are milliseconds, not strings
  job$.pipe(jobTimeout({ first: '30s' }))
  // @ts-expect-error: the scheduler of jobTimeout is its second argument
  job$.pipe(jobTimeout({ first: 1_000, scheduler: undefined }))
  // The monotype operators keep the element type.
  expectType<Observable<Job>>(job$.pipe(retryTransient(), jobTimeout({ total: 60_000 })))
}

// What the operators give to the usual consumers.
async function consumers(job$: Observable<Job>, other$: Observable<Job>): Promise<void> {
  const finished = await lastValueFrom(job$.pipe(completedJob()))
  expectType<JobOutput>(finished.output)
  const results = await lastValueFrom(forkJoin([job$.pipe(completedJob(), toEither()), other$.pipe(splitAds(), toEither())]))
  assertType<Equal<typeof results, [Either<PixiiError, CompletedJob>, Either<PixiiError, SplitAds>]>>()
  const [first] = results
  if (first._tag === 'Left') expectType<PixiiError['_tag']>(first.left._tag)
  else expectType<CompletedJob>(first.right)
}

describe('operator types (checked by tsc --noEmit)', () => {
  it('describes the values the operators really emit', async () => {
    const split = await lastValueFrom(of<Job[]>(pendingJob, sample).pipe(splitAds()))
    const url: string = split.succeeded[0]!.preview_url
    expect(url).to.be.a('string')
    expect(split.failed[0]!.preview_url).to.equal(null)
    expect([splitSides, outputs, misuse, consumers]).to.have.length(4)
  })
})
