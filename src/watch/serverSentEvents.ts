import type { Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import type { PushedWatch } from './JobPush.js'
import { jobEventStream$ } from './jobEventStream.js'
import { pushThenPoll$ } from './pushThenPoll.js'

/**
 * Server push for a client's watches (its `serverPush` option, a `JobPush`): each watch reads the
 * job's Server-Sent Events from a `pixii-rx/proxy` (`GET {baseUrl}/v1/api/jobs/{id}/events`, with
 * `fetch`, the key and the watch's job token in headers), shown as polls are (the first job, then
 * only a status that moves forward). Where the proxy has no stream (a 404 or 405) the watch polls,
 * and so do the client's later watches; a stream that fails, ends or says `problem` before the
 * job's end is followed by polling for that watch, from where it was. A client made on a server
 * for a page (server-side rendering) opens no stream. Imported only by apps that push, so that
 * other bundles leave the stream reader out.
 *
 * @param watch - One shared watch of a job, as the client gives it: its transport, job id, job
 *   token, the polling that takes over, and how to tell the client that there is no stream.
 * @returns The job's states, pushed then polled, ending as `watchJob$` ends.
 * @throws In the error channel, what polling fails with (the stream's own failures never reach it:
 *   polling takes over and reports what is wrong as a typed error).
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { serverSentEvents } from 'pixii-rx/watcher'
 * // A page served with a pixii-rx/proxy at /pixii: watches read its stream, and poll where it has none.
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc', baseUrl: 'http://127.0.0.1:8787/pixii', serverPush: serverSentEvents })
 * console.log(typeof pixii.watchJob$)
 * ```
 */
export function serverSentEvents({ transport, id, token, poll$, notOffered }: PushedWatch): Observable<Job> {
  return pushThenPoll$(jobEventStream$(transport, id, token), poll$, notOffered)
}
