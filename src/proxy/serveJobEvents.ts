import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Observable, Subscription, Unsubscribable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import { redactSecrets } from '../internal/redactSecrets.js'
import type { AnyProxySettings } from './normalizeProxyOptions.js'
import type { ProxyEvent } from './ProxyEvent.js'
import { holdsKey } from './relayedAnswer.js'

const finalStatuses: ReadonlySet<string> = new Set(['completed', 'failed'])

// The codes of Pixii's error shape that a stream's end is reported with.
const problemCodes: Readonly<Record<string, string>> = {
  JobNotFound: 'JOB_NOT_FOUND',
  Unauthorized: 'UNAUTHORIZED',
  Timeout: 'GATEWAY_TIMEOUT',
  RateLimited: 'RATE_LIMIT_MINUTE_EXCEEDED',
}

function problemOf(error: unknown, apiKey: string): { readonly code: string; readonly message: string } {
  if (!isPixiiError(error)) return { code: 'PROXY_ERROR', message: 'internal proxy error' }
  return { code: problemCodes[error._tag] ?? 'UPSTREAM_ERROR', message: redactSecrets(error.message, [apiKey]) }
}

/**
 * Streams one job's transitions to a browser as Server-Sent Events, from `watch$` (the proxy's
 * client's `watchJob$`, one shared loop per job for every connection). Each transition is an
 * event `job` whose `id` is the status and whose data is the job as Pixii sent it; the stream
 * ends after `completed` or `failed`. A failure before that is one event `problem` in Pixii's
 * error shape, then the end. A comment line goes out after `heartbeatMs` of silence. A
 * reconnection whose `Last-Event-ID` is a final status gets 204 at once (the browser has the
 * end; `EventSource` stops there) and nothing is asked of Pixii; any other is answered with the
 * current state at once. When the browser goes, the watch is unsubscribed: the last one to go
 * stops the job's loop.
 */
export function serveJobEvents(
  settings: AnyProxySettings,
  watch$: Observable<Job>,
  req: IncomingMessage,
  res: ServerResponse,
  done: (outcome: ProxyEvent['outcome'], status?: number) => void,
): void {
  const lastEventId = req.headers['last-event-id']
  if (typeof lastEventId === 'string' && finalStatuses.has(lastEventId.trim())) {
    res.writeHead(204, { 'cache-control': 'no-store' }).end()
    return done('forwarded', 204)
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Tells nginx and its kin not to buffer the stream.
    'x-accel-buffering': 'no',
  })
  let ended = false
  let heartbeat: Unsubscribable | undefined
  let subscription: Subscription | undefined
  let lastStatus: string | undefined
  const write = (text: string): void => {
    res.write(text)
    heartbeat?.unsubscribe()
    heartbeat = settings.scheduler.schedule(function beat() {
      res.write(': heartbeat\n\n')
      this.schedule(undefined, settings.heartbeatMs)
    }, settings.heartbeatMs)
  }
  const end = (): void => {
    if (ended) return
    ended = true
    heartbeat?.unsubscribe()
    subscription?.unsubscribe()
    res.end()
    done('forwarded', 200)
  }
  const problem = (error: unknown): void => {
    if (!finalStatuses.has(lastStatus ?? '')) write(`event: problem\ndata: ${JSON.stringify(problemOf(error, settings.apiKey))}\n\n`)
    end()
  }
  res.once('close', () => {
    heartbeat?.unsubscribe()
    subscription?.unsubscribe()
    if (!ended) {
      ended = true
      done('client-gone')
    }
  })
  // The first bytes, so that the browser's fetch resolves before the first answer from Pixii.
  write(': open\n\n')
  subscription = watch$.subscribe({
    next: (job) => {
      const text = JSON.stringify(job)
      if (holdsKey(text, settings.apiKey)) return problem(new Error('the job holds the key'))
      lastStatus = job.status
      write(`id: ${job.status}\nevent: job\ndata: ${text}\n\n`)
    },
    error: problem,
    complete: end,
  })
  // It may have ended while subscribing (a late joiner of a finished run).
  if (ended) subscription.unsubscribe()
}
