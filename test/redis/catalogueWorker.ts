// One worker process of the shared-catalogue tests: runs ROWS rows of catalogue CATALOGUE on the
// Redis store at REDIS_URL against the simulator at SIM_URL, writing images under OUT, and
// prints every event of the run as one JSON line (the test kills it with SIGKILL at one of them).
import { lastValueFrom, tap } from 'rxjs'
import { runCatalogue$ } from '../../src/catalogue/index.js'
import { createRedisStore } from '../../src/redis/index.js'
import { catalogueRows } from './catalogueRows.js'

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}
const store = createRedisStore({ redis: env('REDIS_URL'), catalogue: env('CATALOGUE') })
await lastValueFrom(
  runCatalogue$(catalogueRows(Number(env('ROWS'))), {
    store,
    client: { apiKey: env('KEY'), baseUrl: env('SIM_URL') },
    out: env('OUT'),
    concurrency: 4,
    leaseMs: Number(env('LEASE_MS')),
    settleMs: 0,
  }).pipe(tap((event) => process.stdout.write(`${JSON.stringify({ kind: event.kind, row: 'row' in event ? event.row : undefined })}\n`))),
)
