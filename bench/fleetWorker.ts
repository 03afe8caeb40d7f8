// One worker process of benchmark 5's process fleet: a Redis limiter of its own (its own
// connections, its own event loop), COUNT submissions queued on it, each "POST" answering after
// LATENCY_MS and spending its token. Prints `ready` once Redis has answered, starts on a `go` line
// on stdin (so that the fleet starts together), then one `start <ms>` line per submission and
// `done` at the end.
import { createInterface } from 'node:readline'
import { filter, firstValueFrom, lastValueFrom, merge, tap, timer } from 'rxjs'
import { createRedisLimiter } from '../src/redis/index.js'

const env = (name: string): number | string => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`fleetWorker: ${name} is not set`)
  return /^\d+$/.test(value) ? Number(value) : value
}
const limiter = createRedisLimiter({
  redis: String(env('REDIS_URL')),
  organisation: String(env('ORGANISATION')),
  limits: { perMinute: Number(env('PER_WINDOW')), perDay: 1_000_000 },
  windows: { minuteMs: Number(env('WINDOW_MS')) },
})
await firstValueFrom(limiter.state$.pipe(filter((state) => state.redis.reachable)))
const go = new Promise<void>((resolve) => createInterface({ input: process.stdin }).on('line', (line) => line === 'go' && resolve()))
process.stdout.write('ready\n')
await go
const latencyMs = Number(env('LATENCY_MS'))
const submissions = Array.from({ length: Number(env('COUNT')) }, () =>
  limiter.withToken$((token) => {
    process.stdout.write(`start ${Date.now()}\n`)
    return timer(latencyMs).pipe(tap(() => token.spent()))
  }),
)
await lastValueFrom(merge(...submissions), { defaultValue: undefined })
await limiter.close()
process.stdout.write('done\n')
process.exit(0)
