import { redactSecrets } from '../../internal/redactSecrets.js'
import type { CliOutput } from '../CliIo.js'
import type { Display } from './Display.js'

/**
 * The display for pipes and `--json`: each event as one line of JSON, then a `summary` line.
 * Lines are logs: the signature and expiry of signed image URLs, and anything shaped like an API
 * key, are redacted.
 *
 * @example
 * ```ts
 * import { ndjsonDisplay } from './ndjsonDisplay.js'
 * const display = ndjsonDisplay({ write: (text) => (console.log(text.trimEnd()), true) })
 * display.job('job_1', { status: 'pending' })
 * display.event({ kind: 'job', jobId: 'job_1', status: 'pending' })
 * display.event({ kind: 'image', url: 'https://img.example/1.png?expires=1&signature=abc' })
 * display.end(['ignored'], { jobs: 1 })
 * // Output: {"kind":"job","jobId":"job_1","status":"pending"}
 * // Output: {"kind":"image","url":"https://img.example/1.png?expires=[redacted]&signature=[redacted]"}
 * // Output: {"kind":"summary","jobs":1}
 * ```
 */
export function ndjsonDisplay(stream: CliOutput): Display {
  return {
    job: () => undefined,
    event: (value) => stream.write(`${redactSecrets(JSON.stringify(value))}\n`),
    end: (_lines, summary) => stream.write(`${JSON.stringify({ kind: 'summary', ...summary })}\n`),
    abort: () => undefined,
  }
}
