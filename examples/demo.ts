// The pixii-rx demo: a simulated Pixii in this process, a handful of jobs watched together.
// Run it with `npm run demo`. No key, no network: the simulator listens on 127.0.0.1.
import { from, lastValueFrom, map, merge, tap, toArray } from 'rxjs'
import { adaptiveSchedule, createPixiiClient, splitAds, toEither, type RunEvent, type Submission } from '../src/index.js'
import { startSimulator } from '../src/testing/index.js'

// Live jobs run 20 times faster than on Pixii (queued up to 1 s, processing 4.5 to 7.5 s).
const simulator = await startSimulator({ timeScale: 0.05, seed: 7 })
simulator.script({ kind: 'partial', failedAds: 2, errorCode: 'CONTENT_POLICY' }, { asin: 'B0PARTIAL01' })
simulator.script({ kind: 'failure', errorCode: 'GENERATION_FAILED' }, { asin: 'B0FAILED001' })

const test = createPixiiClient({ apiKey: simulator.testKey, baseUrl: simulator.url })
// The adaptive schedule learns how long jobs take; tell it up front that these run 20 times faster.
const prior = { queueMs: [0, 250, 500, 1_000, 1_500], processingMs: [3_000, 4_500, 6_000, 7_500, 9_000] }
const live = createPixiiClient({ apiKey: simulator.liveKey, baseUrl: simulator.url, schedule: adaptiveSchedule({ prior, windowStepMs: 1_000 }) })

const jobs: Array<{ readonly label: string; readonly client: typeof test; readonly submission: Submission }> = [
  { label: 'Listing Builder, test key', client: test, submission: { kind: 'listingBuilder', request: { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' } } },
  { label: 'A+ Content, test key', client: test, submission: { kind: 'aPlus', request: { asin: 'B0CHX1W1XY', country_code: 'US', types: ['A+ Basic', 'A+ Premium'] } } },
  { label: 'Scale, live key', client: live, submission: { kind: 'scale', request: { asin: 'B0SCALE0001', country_code: 'DE', scale_mode: 'language', user_prompt: 'German', items: [{ preview_url: 'https://cdn.example/1.png', platform: 'Amazon', asset_type: 'main' }, { preview_url: 'https://cdn.example/2.png', platform: 'Shopify', asset_type: 'lifestyle' }] } } },
  { label: 'Listing Builder, live key, partial', client: live, submission: { kind: 'listingBuilder', request: { asin: 'B0PARTIAL01', country_code: 'GB', listing_type: 'shopify_listing' } } },
  { label: 'Listing Builder, live key, failing', client: live, submission: { kind: 'listingBuilder', request: { asin: 'B0FAILED001', country_code: 'FR', listing_type: 'tiktok_listing' } } },
]

const started = Date.now()
const stamp = (): string => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`
const describe = (event: RunEvent): string =>
  event.kind === 'accepted' ? 'accepted' : event.job.status === 'failed' ? `failed (${event.job.error_code ?? 'no code'})` : event.job.status

console.log(`pixii-rx demo: a simulated Pixii at ${simulator.url ?? ''} (no key, no network)\n`)
const outcomes = await lastValueFrom(
  merge(
    ...jobs.map(({ label, client, submission }) =>
      client.run$(submission).pipe(
        tap((event) => console.log(`${stamp()}  ${event.jobId}  ${label.padEnd(36)} ${describe(event)}`)),
        toEither(),
        toArray(),
        map((events) => events.at(-1)),
      ),
    ),
  ).pipe(toArray()),
)

const finished = outcomes.flatMap((outcome) =>
  outcome?._tag === 'Right' && outcome.right.kind === 'job' && outcome.right.job.status === 'completed' ? [outcome.right.job] : [],
)
const failures = outcomes.flatMap((outcome) => (outcome?._tag === 'Left' ? [outcome.left] : []))
const splits = await lastValueFrom(from(finished).pipe(splitAds(), toArray()))
const sum = (pick: (split: (typeof splits)[number]) => number): number => splits.reduce((total, split) => total + pick(split), 0)

console.log(`\nSummary: ${jobs.length} jobs, ${finished.length} completed, ${failures.length} failed`)
for (const split of splits) {
  const reasons = split.failed.map((ad) => ad.error.code).join(', ')
  console.log(`  ${split.job.id}  ${split.succeeded.length} ads ok${split.failed.length > 0 ? `, ${split.failed.length} failed (${reasons})` : ''}`)
}
for (const failure of failures) console.log(`  ${failure.context.jobId ?? '?'}  ${failure._tag}: ${failure.message}`)
console.log(`  ads: ${sum((split) => split.succeeded.length)} succeeded, ${sum((split) => split.failed.length)} failed`)
console.log(`  credits: ${sum((split) => split.creditsCharged)} charged, ${sum((split) => split.creditsRefunded)} refunded on completed jobs`)
console.log(`  requests the simulator served: ${simulator.log.length}`)
await simulator.close()
