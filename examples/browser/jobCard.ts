// One job card: the ASIN, the job id, each status as it arrives with the time it took, the
// thumbnails of a finished job, the error code of a failed one, how many polls the watch made,
// and a cancel button. Built with textContent only: job ids and codes come from the network.
import { describePixiiError, isPixiiError, type Job } from '../../src/index.js'
import type { JobEstimate } from '../../src/advanced/index.js'

export interface JobCard {
  readonly element: HTMLElement
  accepted(jobId: string): void
  show(job: Job): void
  polled(): void
  /** The schedule's estimate, from a poll answered at `answeredAt` (scheduler time, here `Date.now()`, which reads `now`). */
  estimated(estimate: JobEstimate, answeredAt: number, now: number): void
  failed(error: unknown): void
  cancelled(): void
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  element.className = className
  element.textContent = text
  return element
}

export function createJobCard(asin: string, onCancel: () => void): JobCard {
  const startedAt = performance.now()
  const element = el('article', 'card')
  const header = el('header', '')
  const badge = el('span', 'badge', 'submitting')
  header.append(el('span', 'asin', asin), badge)
  const jobId = el('code', 'job-id', '…')
  const timeline = el('ol', 'timeline')
  const thumbs = el('div', 'thumbs')
  const error = el('p', 'error')
  const footer = el('footer', '')
  const polls = el('span', 'polls', '0 polls')
  const eta = el('span', 'eta', '')
  const cancel = el('button', 'cancel', 'Cancel')
  cancel.type = 'button'
  footer.append(polls, eta, cancel)
  element.append(header, jobId, timeline, thumbs, error, footer)
  element.dataset['status'] = 'submitting'
  error.hidden = true

  let pollCount = 0
  const setStatus = (status: string): void => {
    element.dataset['status'] = status
    badge.textContent = status
    const step = el('li', '', `${status} ${((performance.now() - startedAt) / 1000).toFixed(1)} s`)
    step.dataset['status'] = status
    timeline.append(step)
  }
  const finish = (): void => {
    cancel.hidden = true
  }
  cancel.addEventListener('click', onCancel)

  return {
    element,
    accepted(id) {
      jobId.textContent = id
      element.dataset['jobId'] = id
      setStatus('pending')
    },
    show(job) {
      if (job.status !== element.dataset['status']) setStatus(job.status)
      if (job.status === 'completed') {
        for (const ad of job.output.ads) {
          if (ad.preview_url === null) {
            thumbs.append(el('span', 'failed-ad', ad.error.code))
          } else {
            const img = el('img', 'thumb')
            img.src = ad.preview_url
            img.alt = `ad of ${job.id}`
            thumbs.append(img)
          }
        }
        finish()
      }
    },
    estimated(estimate, answeredAt, now) {
      eta.dataset['kind'] = estimate.kind === 'estimate' ? 'estimate' : estimate.reason
      if (estimate.kind === 'none') {
        const why = { 'no-evidence': 'no estimate yet', overdue: 'taking longer than any job so far', finished: '' }
        eta.textContent = why[estimate.reason]
        return
      }
      // The estimate is in scheduler time; the seconds left are counted from the answer.
      const left = (at: number): string => Math.max(0, (at - Math.max(answeredAt, now)) / 1000).toFixed(1)
      eta.textContent = `done in about ${left(estimate.at)} s (${left(estimate.low)}–${left(estimate.high)} s)`
    },
    polled() {
      pollCount += 1
      polls.textContent = `${pollCount} poll${pollCount === 1 ? '' : 's'}`
    },
    failed(reason) {
      error.hidden = false
      error.textContent = isPixiiError(reason, 'JobFailed')
        ? reason.errorCode
        : isPixiiError(reason)
          ? describePixiiError(reason)
          : String(reason)
      if (element.dataset['status'] !== 'failed') setStatus('failed')
      finish()
    },
    cancelled() {
      element.dataset['cancelled'] = 'true'
      badge.textContent = 'cancelled'
      polls.textContent = `${polls.textContent ?? ''}, then polling stopped`
      finish()
    },
  }
}
