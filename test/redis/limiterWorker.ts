// One worker process of the multi-process limiter tests: takes COUNT tokens from the limiter of
// ORGANISATION on REDIS_URL, spends each at once, and prints one line per submission
// (`start <ms>`, on the clock the limiter uses) and `done` at the end, or `holding` and then
// waits forever when HOLD=1 (to be killed with SIGKILL while its token is out).
import { lastValueFrom, merge, NEVER, of, tap } from 'rxjs'
import { createRedisLimiter } from '../../src/redis/index.js'

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}
const limiter = createRedisLimiter({
  redis: env('REDIS_URL'),
  organisation: env('ORGANISATION'),
  limits: { perMinute: Number(env('PER_MINUTE')), perDay: Number(env('PER_DAY')) },
  windows: { minuteMs: Number(env('MINUTE_MS')), dayMs: Number(env('DAY_MS')) },
  holdMs: Number(process.env['HOLD_MS'] ?? 300_000),
})

if (process.env['HOLD'] === '1') {
  limiter.withToken$(() => {
    process.stdout.write('holding\n')
    return NEVER
  }).subscribe()
} else {
  const submissions = Array.from({ length: Number(env('COUNT')) }, () =>
    limiter.withToken$((token) =>
      of(Date.now()).pipe(
        tap((at) => {
          process.stdout.write(`start ${at}\n`)
          token.spent()
        }),
      ),
    ),
  )
  await lastValueFrom(merge(...submissions))
  await limiter.close()
  process.stdout.write('done\n')
}
