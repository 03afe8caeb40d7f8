import { Transform } from 'node:stream'
import { ValidationError } from '../errors/ValidationError.js'
import { redactSecrets } from '../internal/redactSecrets.js'

/**
 * A Transform stream that writes each object it receives as one line of JSON (NDJSON): objects
 * in, UTF-8 text out, for `pipeline(toReadable(job$), toNdjson(), process.stdout)`. Values with
 * a `toJSON` (every `PixiiError`, `Date`) use it. A value that cannot be encoded (a cycle, a
 * `bigint`) fails the stream with a `ValidationError`.
 *
 * The lines are meant for logs, so by default they are redacted like every pixii-rx message:
 * the signature and expiry of signed image URLs (a job's `preview_url`s are credentials for 7
 * days) and anything shaped like an API key. Pass `{ redact: false }` to keep them, for a file
 * that another program will download from.
 *
 * @param options - `redact: false` keeps the signatures of signed URLs (default `true`: they are redacted).
 * @throws Never: a value that JSON cannot represent is an error of the stream, as with any Transform.
 *
 * @example
 * ```ts
 * import { pipeline } from 'node:stream/promises'
 * import { Writable } from 'node:stream'
 * import { of } from 'rxjs'
 * import { JobNotFoundError } from 'pixii-rx'
 * import { toNdjson, toReadable } from 'pixii-rx/node'
 * let text = ''
 * const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => { text += chunk.toString(); done() } })
 * const events = of({ kind: 'job', status: 'pending' }, { kind: 'error', error: new JobNotFoundError({ message: 'gone' }) })
 * await pipeline(toReadable(events), toNdjson(), sink)
 * for (const line of text.trimEnd().split('\n')) console.log(line)
 * // Output: {"kind":"job","status":"pending"}
 * // Output: {"kind":"error","error":{"context":{},"_tag":"JobNotFound","name":"JobNotFoundError","retryable":false,"message":"gone"}}
 * ```
 */
export function toNdjson(options: { readonly redact?: boolean } = {}): Transform {
  const redact = options.redact ?? true
  return new Transform({
    writableObjectMode: true,
    readableObjectMode: false,
    transform(value: unknown, _encoding, callback) {
      let line: string | undefined
      try {
        line = JSON.stringify(value)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        callback(new ValidationError({ message: `toNdjson: a value cannot be encoded as JSON: ${reason}`, source: 'client', issues: [{ path: '', message: reason }] }))
        return
      }
      callback(null, line === undefined ? undefined : `${redact ? redactSecrets(line) : line}\n`)
    },
  })
}
