import { delay, filter, firstValueFrom, map, NEVER, race, switchMap, take, timer, type Observable } from 'rxjs'
import type { JobAccepted } from '../../codecs/JobAccepted.js'
import type { LimiterState } from '../../submit/limiter/LimiterState.js'
import type { SubmissionLimiter } from '../../submit/limiter/SubmissionLimiter.js'
import type { CliIo } from '../CliIo.js'
import { stopped$ } from '../stopped.js'

/** How a submission ended for the command: accepted, given up after `--max-wait`, or stopped. */
export type SubmissionOutcome =
  | { readonly kind: 'accepted'; readonly accepted: JobAccepted }
  | { readonly kind: 'gave-up'; readonly waitedMs: number; readonly rateLimited: number }
  | { readonly kind: 'interrupted'; readonly rateLimited: number }

/** Where the command tells the user why it waits. */
export interface WaitNotices {
  /** Writes one line (to stderr: stdout keeps the command's answer). */
  readonly say: (line: string) => void
}

const clock = (ms: number): string => `${new Date(ms).toISOString().slice(11, 19)} UTC`
const seconds = (ms: number): string => `${Math.max(0, Math.ceil(ms / 1000))}s`
// Told at the 1st, 2nd, 4th, 8th… 429: a server answering 429 every second for five minutes
// makes nine lines, not three hundred.
const worthTelling = (count: number): boolean => (count & (count - 1)) === 0

/**
 * Sends a submission (`send$`, which waits on the client's `limiter`) and says why and until when
 * it waits: each `Retry-After` pause of a 429 (the 1st, 2nd, 4th… of them), or the client's own
 * limit. It gives up once `maxWaitMs` has passed (`false`: never) with no POST in flight, and on
 * `io.stop` it stops at once unless a POST is in flight: then it waits for that answer (Ctrl-C
 * again quits at once, see `main.ts`), so that an accepted job's id is not lost.
 *
 * @example
 * ```ts
 * import { VirtualTimeScheduler, of } from 'rxjs'
 * import { createSubmissionLimiter } from 'pixii-rx'
 * import { awaitSubmission } from './awaitSubmission.js'
 * const scheduler = new VirtualTimeScheduler()
 * const limiter = createSubmissionLimiter({}, scheduler)
 * const io = { stdout: process.stdout, stderr: process.stderr, env: {}, scheduler, stop: new AbortController().signal }
 * const accepted = { job_id: 'job_1', job_type: 'Scale', status: 'pending' as const, created_at: '2026-01-01T00:00:00.000Z' }
 * const outcome = awaitSubmission(limiter.withToken$((token) => (token.spent(), of(accepted))), limiter, io, 60_000, { say: console.log })
 * scheduler.flush()
 * console.log((await outcome).kind)
 * // Output: accepted
 * ```
 */
export async function awaitSubmission(
  send$: Observable<JobAccepted>,
  limiter: SubmissionLimiter,
  io: CliIo,
  maxWaitMs: number | false,
  notices: WaitNotices,
): Promise<SubmissionOutcome> {
  const started = io.scheduler.now()
  const deadline = maxWaitMs === false ? undefined : started + maxWaitMs
  const giveUp = deadline === undefined ? '' : `; giving up at ${clock(deadline)} (--max-wait)`
  let rateLimited = 0
  let lastPause: number | undefined
  let toldOwnLimit = false
  const tell = (state: LimiterState): void => {
    if (state.pausedUntil !== undefined && state.pausedUntil !== lastPause) {
      lastPause = state.pausedUntil
      rateLimited += 1
      if (worthTelling(rateLimited)) {
        const times = rateLimited === 1 ? '' : ` (${rateLimited} times so far)`
        notices.say(`pixii-rx: Pixii answered 429 Too Many Requests${times}: waiting, next try at ${clock(state.pausedUntil)} (in ${seconds(state.pausedUntil - state.at)})${giveUp}`)
      }
    } else if (state.pausedUntil === undefined && state.queued > 0 && state.nextSubmissionAt !== undefined && state.nextSubmissionAt > state.at && !toldOwnLimit) {
      toldOwnLimit = true
      const window = state.minute.left === 0 ? `${state.minute.limit} a minute` : `${state.day.limit} a day`
      notices.say(`pixii-rx: waiting for the submission limit (${window}): next submission at ${clock(state.nextSubmissionAt)}${giveUp}`)
    }
  }
  // A POST's answer settles its token (inFlight back to 0) just before the answer is emitted: a
  // step later, so that an accepted job is never cut off by a stop or a give-up decided meanwhile.
  const noneInFlight$ = limiter.state$.pipe(
    filter((state) => state.inFlight === 0),
    take(1),
    delay(0, io.scheduler),
  )
  const stop$ = stopped$(io.stop).pipe(
    switchMap(() => {
      if (limiter.state().inFlight > 0) {
        notices.say("pixii-rx: stopping once Pixii answers the submission already sent, so that its job id is not lost (Ctrl-C again quits now, and the job may be created unseen)")
      }
      return noneInFlight$
    }),
    map((): SubmissionOutcome => ({ kind: 'interrupted', rateLimited })),
  )
  const gaveUp$ =
    maxWaitMs === false
      ? NEVER
      : timer(maxWaitMs, io.scheduler).pipe(
          switchMap(() => noneInFlight$),
          map((): SubmissionOutcome => ({ kind: 'gave-up', waitedMs: io.scheduler.now() - started, rateLimited })),
        )
  const accepted$ = send$.pipe(map((accepted): SubmissionOutcome => ({ kind: 'accepted', accepted })))
  const telling = limiter.state$.subscribe(tell)
  try {
    return await firstValueFrom(race(accepted$, stop$, gaveUp$))
  } finally {
    telling.unsubscribe()
  }
}
