import { expect } from 'chai'
import { formatTally, type CatalogueTally } from '../../src/cli/display/catalogueDisplay.js'
import type { RedisLimiterState } from '../../src/redis/index.js'

const tally = (limiter: CatalogueTally['limiter']): CatalogueTally => ({
  rows: 4, done: 1, failed: 0, running: 1, problems: 0, deferred: 0, skipped: 0, charged: 20, refunded: 0, limiter, waitingUntil: undefined,
})
const redisState = (redis: RedisLimiterState['redis']): RedisLimiterState => ({
  at: 0, minute: { limit: 10, left: 8, nextRefillAt: undefined }, day: { limit: 500, left: 498, nextRefillAt: undefined },
  pausedUntil: undefined, nextSubmissionAt: undefined, queued: 2, inFlight: 0, redis,
})

describe('the batch run on a terminal (formatTally)', () => {
  it('says the run is paused, and why, while the shared limiter cannot hear from Redis', () => {
    const message = 'Redis at 127.0.0.1:6379 unreachable (no answer in 5000 ms: stopped, overloaded or cut off): submissions paused until it answers'
    const lines = formatTally(tally(redisState({ reachable: false, message, since: 0 })), 0)
    expect(lines.slice(2)).to.deep.equal(['limits: 8/10 this minute, 498/500 today; paused', message])
  })

  it('says nothing of Redis once it answers again', () => {
    const lines = formatTally(tally(redisState({ reachable: true, message: undefined, since: 0 })), 0)
    expect(lines[2]).to.equal('limits: 8/10 this minute, 498/500 today; submitting')
    expect(lines.join('\n')).not.to.include('Redis')
  })
})
