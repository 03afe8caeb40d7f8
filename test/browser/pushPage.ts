// The page of the push test: a client of the proxy at /pixii with serverSentEvents as its
// serverPush, and one function the test calls to watch a job with its token. What each watch saw is kept on `window`.
import { lastValueFrom, tap } from 'rxjs'
import { createPixiiClient } from '../../src/index.js'
import { serverSentEvents } from '../../src/watcher/index.js'

declare global {
  interface Window {
    pushWatch: (jobId: string, token: string) => Promise<string>
    pushSeen: Record<string, string[]>
  }
}

const pixii = createPixiiClient({ baseUrl: '/pixii', serverPush: serverSentEvents, retry: { maxConsecutiveFailures: 0 } })
window.pushSeen = {}
window.pushWatch = (jobId, token) => {
  const seen = (window.pushSeen[jobId] = [] as string[])
  return lastValueFrom(pixii.watchJob$(jobId, { token }).pipe(tap((job) => seen.push(job.status)))).then(
    (job) => job.status,
    (error: { _tag?: string; context?: { status?: number } }) => `${error._tag ?? 'error'} ${error.context?.status ?? ''}`.trim(),
  )
}
