// The page: submits a Listing Builder job for an ASIN, then watches it, through the page's own
// server (/pixii), which holds the key. In an app, import from 'pixii-rx' instead.
import { adaptiveSchedule, createPixiiClient, isPixiiError, type PollEvent, type Submission } from '../../src/index.js'
import { createJobCard } from './jobCard.js'

// No key: the base URL is the page's own origin, where pixii-rx/proxy adds it. The default
// schedule, scaled to this demo's jobs (queued under a second, processing 2–3 s): it learns from
// every job of the page, and from the fifth on each card shows when its job will likely finish.
const schedule = adaptiveSchedule({
  prior: { queueMs: [600, 900], processingMs: [2_000, 3_000] },
  windowStepMs: 400,
  pendingMaxMs: 1_000,
  maxDelayMs: 1_000,
})
const pixii = createPixiiClient({ baseUrl: '/pixii', schedule })

const form = document.querySelector<HTMLFormElement>('#submit')
const jobs = document.querySelector<HTMLElement>('#jobs')
const asinInput = document.querySelector<HTMLInputElement>('#submit input[name=asin]')
const keyCheck = document.querySelector<HTMLOutputElement>('#key-check')

form?.addEventListener('submit', (event) => {
  event.preventDefault()
  const asin = asinInput?.value.trim() ?? ''
  const submission: Submission = { kind: 'listingBuilder', request: { asin, country_code: 'US', listing_type: 'amazon_listing' } }
  const card = createJobCard(asin, () => {
    subscription.unsubscribe() // aborts the request in flight and clears the timer: polling stops
    card.cancelled()
  })
  jobs?.prepend(card.element)
  const onPoll = (event: PollEvent): void => {
    card.polled()
    if (event.estimate !== undefined) card.estimated(event.estimate, event.answeredAt, Date.now())
  }
  const subscription = pixii.run$(submission, { onPoll }).subscribe({
    next: (step) => (step.kind === 'accepted' ? card.accepted(step.jobId) : card.show(step.job)),
    error: (error: unknown) => card.failed(error),
  })
})

// What createPixiiClient says to a live key in a browser.
try {
  createPixiiClient({ apiKey: 'pk_live_example' })
  if (keyCheck) keyCheck.textContent = 'accepted'
} catch (error) {
  if (keyCheck) keyCheck.textContent = isPixiiError(error, 'Validation') ? `refused: ${error._tag} on ${error.field ?? '?'}` : String(error)
}
