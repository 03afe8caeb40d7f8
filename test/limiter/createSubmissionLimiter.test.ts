import { expect } from 'chai'
import { NEVER, Observable, of, tap, VirtualAction, VirtualTimeScheduler } from 'rxjs'
import { createSubmissionLimiter, isPixiiError, type SubmissionLimiter } from '../../src/index.js'
import type { LimiterState, LimiterToken } from '../../src/advanced/index.js'
import { testScheduler } from '../support/marbles.js'

const MINUTE = 60_000
const DAY = 86_400_000

/** Headers as a submission answer carries them. */
const rateHeaders = (fields: Record<string, number>): Headers =>
  new Headers(Object.entries(fields).map(([name, value]): [string, string] => [`X-RateLimit-${name}`, String(value)]))

/** A virtual clock, and a submission that is answered at once (spending its token) when it is let through. */
function setup(limits: { perMinute?: number; perDay?: number }) {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY)
  const limiter = createSubmissionLimiter(limits, scheduler)
  const sentAt: number[] = []
  const submit = (settle: (token: LimiterToken) => void = (token) => token.spent()) =>
    limiter.withToken$((token) =>
      of(scheduler.now()).pipe(
        tap((at) => {
          sentAt.push(at)
          settle(token)
        }),
      ),
    )
  const runTo = (ms: number): void => {
    scheduler.maxFrames = ms
    scheduler.flush()
    scheduler.frame = Math.max(scheduler.frame, ms)
  }
  return { scheduler, limiter, sentAt, submit, runTo }
}

describe('createSubmissionLimiter', () => {
  describe('in marbles', () => {
    it('lets a window’s tokens through, then the next exactly one window after the first answer', () => {
      const scheduler = testScheduler()
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const limiter = createSubmissionLimiter({ perMinute: 2 }, scheduler)
        const answer = cold('-a|')
        const sent = (token: LimiterToken): Observable<string> => answer.pipe(tap(() => token.spent()))
        expectObservable(limiter.withToken$(sent)).toBe('-a|')
        expectObservable(limiter.withToken$(sent)).toBe('-a|')
        // Both tokens were spent at 1 ms, when the answers came: the first is back at 60 001 ms.
        expectObservable(limiter.withToken$(sent)).toBe('60002ms a|')
        expectSubscriptions(answer.subscriptions).toBe(['^-!', '^-!', '60001ms ^-!'])
      })
    })

    it('never starts a submission unsubscribed while it waited, and lets the next one take its place', () => {
      const scheduler = testScheduler()
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const limiter = createSubmissionLimiter({ perMinute: 1 }, scheduler)
        const first = cold('(a|)')
        const abandoned = cold('(b|)')
        const third = cold('(c|)')
        const spending = (source: Observable<string>) => (token: LimiterToken) => source.pipe(tap(() => token.spent()))
        expectObservable(limiter.withToken$(spending(first))).toBe('(a|)')
        expectObservable(limiter.withToken$(spending(abandoned)), '^ 30s !').toBe('')
        expectObservable(limiter.withToken$(spending(third))).toBe('60s (c|)')
        expectSubscriptions(abandoned.subscriptions).toBe([])
        expectSubscriptions(third.subscriptions).toBe('60s (^!)')
      })
    })
  })

  it('mirrors a sliding window, not a continuous refill: after a burst of 10, the 11th waits a full minute', () => {
    const { sentAt, submit, runTo } = setup({})
    for (let n = 0; n < 21; n += 1) submit().subscribe()
    runTo(3 * MINUTE)
    expect(sentAt).to.deep.equal([...Array<number>(10).fill(0), ...Array<number>(10).fill(MINUTE), 2 * MINUTE])
  })

  it('counts a token from the answer, which comes after the server counted it', () => {
    const { scheduler, limiter, sentAt, runTo } = setup({ perMinute: 1 })
    const slowAnswer = (token: LimiterToken) =>
      new Observable<void>((subscriber) => {
        sentAt.push(scheduler.now())
        scheduler.schedule(() => {
          token.spent()
          subscriber.complete()
        }, 700)
      })
    limiter.withToken$(slowAnswer).subscribe()
    limiter.withToken$(slowAnswer).subscribe()
    expect(limiter.state().nextSubmissionAt).to.equal(undefined) // waits on the answer in flight
    runTo(2 * MINUTE)
    expect(sentAt).to.deep.equal([0, MINUTE + 700])
  })

  it('respects the day window: 500 a day at 10 a minute takes 49 minutes, the 501st comes 24 h after the first', () => {
    const { sentAt, submit, runTo } = setup({})
    for (let n = 0; n < 501; n += 1) submit().subscribe()
    runTo(DAY + MINUTE)
    expect(sentAt[499]).to.equal(49 * MINUTE)
    expect(sentAt[500]).to.equal(DAY)
  })

  it('gives a token back at once when the submission provably never reached the server', () => {
    const { limiter, sentAt, submit } = setup({ perMinute: 1 })
    submit((token) => token.returned()).subscribe()
    submit().subscribe()
    expect(sentAt).to.deep.equal([0, 0])
    expect(limiter.state().minute).to.deep.equal({ limit: 1, left: 0, nextRefillAt: MINUTE })
  })

  it('pauses every submission exactly for Retry-After after a 429, then lets the head of the queue go first', () => {
    const { scheduler, limiter, sentAt, submit, runTo } = setup({})
    const order: string[] = []
    limiter.withToken$((token) => of('limited').pipe(tap(() => token.rateLimited(12_000)))).subscribe((v) => order.push(v))
    expect(limiter.state().pausedUntil).to.equal(12_000)
    submit().subscribe(() => order.push('queued'))
    limiter.withToken$((token) => of('retried').pipe(tap(() => token.spent())), { front: true }).subscribe((v) => order.push(v))
    runTo(11_999)
    expect(sentAt).to.deep.equal([])
    expect(scheduler.actions).to.have.length(1)
    runTo(12_000)
    expect(order).to.deep.equal(['limited', 'retried', 'queued'])
    expect(sentAt).to.deep.equal([12_000])
    expect(limiter.state().pausedUntil).to.equal(undefined)
  })

  it('pauses 1 s after a 429 without Retry-After', () => {
    const { limiter } = setup({})
    limiter.withToken$((token) => of(0).pipe(tap(() => token.rateLimited(undefined)))).subscribe()
    expect(limiter.state().pausedUntil).to.equal(1_000)
  })

  describe('corrected by the rate-limit headers of each answer', () => {
    it('spends what others spent: fewer remaining than it thought means fewer tokens, back one window later', () => {
      const { limiter, sentAt, submit, runTo } = setup({})
      // Another process on the same key spent 6 of the minute and 100 of the day.
      submit((token) => token.spent(rateHeaders({ 'Limit-Minute': 10, 'Remaining-Minute': 3, 'Limit-Day': 500, 'Remaining-Day': 399 }))).subscribe()
      expect(limiter.state().minute).to.deep.equal({ limit: 10, left: 3, nextRefillAt: MINUTE })
      expect(limiter.state().day.left).to.equal(399)
      for (let n = 0; n < 4; n += 1) submit().subscribe()
      runTo(MINUTE)
      expect(sentAt).to.deep.equal([0, 0, 0, 0, MINUTE])
    })

    it('learns a lower limit from X-RateLimit-Limit-*', () => {
      const { limiter, submit } = setup({ perMinute: 10 })
      submit((token) => token.spent(rateHeaders({ 'Limit-Minute': 3, 'Remaining-Minute': 2 }))).subscribe()
      expect(limiter.state().minute).to.deep.equal({ limit: 3, left: 2, nextRefillAt: MINUTE })
    })

    it('forgets tokens it thought others held when a later answer shows more remaining', () => {
      const { limiter } = setup({})
      const tokens: LimiterToken[] = []
      for (let n = 0; n < 2; n += 1) limiter.withToken$((token) => (tokens.push(token), NEVER)).subscribe()
      // The first answer says none remain, with the second submission still in flight: others spent 8 at least.
      tokens[0]?.spent(rateHeaders({ 'Remaining-Minute': 0 }))
      expect(limiter.state().minute.left).to.equal(0)
      // The second says 8 remain: only our two are out.
      tokens[1]?.spent(rateHeaders({ 'Remaining-Minute': 8 }))
      expect(limiter.state().minute).to.deep.equal({ limit: 10, left: 8, nextRefillAt: MINUTE })
    })

    it('does not count submissions of its own still in flight twice', () => {
      const { scheduler, limiter } = setup({ perMinute: 10 })
      const tokens: LimiterToken[] = []
      for (let n = 0; n < 3; n += 1) limiter.withToken$((token) => (tokens.push(token), NEVER)).subscribe()
      // The server counted all three already; the first answer says 7 remain while two are in flight.
      tokens[0]?.spent(rateHeaders({ 'Remaining-Minute': 7 }))
      expect(limiter.state().minute.left).to.equal(7)
      expect(limiter.state().inFlight).to.equal(2)
      expect(scheduler.now()).to.equal(0)
    })
  })

  it('counts a token as spent when its submission ends without a verdict (unsubscribed in flight)', () => {
    const { limiter } = setup({ perMinute: 2 })
    const subscription = limiter.withToken$(() => NEVER).subscribe()
    expect(limiter.state()).to.include({ inFlight: 1, queued: 0 })
    subscription.unsubscribe()
    expect(limiter.state().inFlight).to.equal(0)
    expect(limiter.state().minute).to.deep.equal({ limit: 2, left: 1, nextRefillAt: MINUTE })
  })

  describe('state$', () => {
    it('shows tokens left, the next refill, the queue and the pause, for "next submission in 12 s"', () => {
      const { scheduler, limiter, submit, runTo } = setup({ perMinute: 2 })
      const seen: LimiterState[] = []
      const watching = limiter.state$.subscribe((state) => seen.push(state))
      submit().subscribe()
      runTo(48_000)
      submit().subscribe()
      submit().subscribe()
      const { at, nextSubmissionAt, queued, minute } = seen.at(-1) as LimiterState
      expect({ at, queued, minute }).to.deep.equal({ at: 48_000, queued: 1, minute: { limit: 2, left: 0, nextRefillAt: MINUTE } })
      expect(((nextSubmissionAt ?? 0) - at) / 1000).to.equal(12)
      runTo(2 * MINUTE + 48_000)
      expect(seen.map((state) => [state.at, state.minute.left, state.queued])).to.deep.equal([
        [0, 2, 0], [0, 1, 0], [48_000, 0, 0], [48_000, 0, 1], [MINUTE, 0, 0], [108_000, 1, 0], [120_000, 2, 0],
      ])
      watching.unsubscribe()
      expect(scheduler.actions).to.have.length(0)
    })

    it('schedules nothing when nobody waits and nobody watches, so a process can exit', () => {
      const { scheduler, submit } = setup({})
      submit().subscribe()
      expect(scheduler.actions).to.have.length(0)
    })
  })

  it('refuses bad limits with a ValidationError naming the field', () => {
    for (const [limits, field] of [
      [{ perMinute: 0 }, 'rateLimits.perMinute'],
      [{ perDay: 1.5 }, 'rateLimits.perDay'],
      [{ perHour: 3 }, 'rateLimits.perHour'],
    ] as const) {
      let error: unknown
      try {
        createSubmissionLimiter(limits as { perMinute?: number })
      } catch (caught) {
        error = caught
      }
      if (!isPixiiError(error, 'Validation')) throw new Error(`expected a ValidationError for ${field}`)
      expect(error.field).to.equal(field)
    }
  })
})

// Keeps the type used in the helper signature honest.
export type { SubmissionLimiter }
