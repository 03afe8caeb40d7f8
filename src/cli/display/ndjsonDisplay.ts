import { redactApiKeys, redactSecrets } from '../../internal/redactSecrets.js'
import type { CliOutput } from '../CliIo.js'
import type { Display } from './Display.js'

/** A `job` event: the job as Pixii sent it, which the user asked for. */
const isJobOutput = (value: object): boolean => (value as { kind?: unknown }).kind === 'job' && 'job' in value

/**
 * The display for pipes and `--json`: each event as one line of JSON, then a `summary` line.
 * A `job` event is the job as Pixii sent it, its image URLs whole with their signatures, so that
 * they can be fetched; every other line (errors, downloads) is a log, whose signed URLs lose their
 * signature and expiry. API keys, bearer tokens and `secrets` are redacted from every line.
 *
 * @example
 * ```ts
 * import { ndjsonDisplay } from './ndjsonDisplay.js'
 * const display = ndjsonDisplay({ write: (text) => (console.log(text.trimEnd()), true) }, ['my-own-key'])
 * const url = 'https://img.example/1.png?expires=1&signature=abc'
 * display.job('job_1', { status: 'pending' })
 * display.event({ kind: 'job', jobId: 'job_1', status: 'completed', job: { output: { ads: [{ preview_url: url }] } } })
 * display.event({ kind: 'image', url, note: 'sent my-own-key' })
 * display.end(['ignored'], { jobs: 1 })
 * // Output: {"kind":"job","jobId":"job_1","status":"completed","job":{"output":{"ads":[{"preview_url":"https://img.example/1.png?expires=1&signature=abc"}]}}}
 * // Output: {"kind":"image","url":"https://img.example/1.png?expires=[redacted]&signature=[redacted]","note":"sent [redacted]"}
 * // Output: {"kind":"summary","jobs":1}
 * ```
 */
export function ndjsonDisplay(stream: CliOutput, secrets: readonly string[] = []): Display {
  return {
    job: () => undefined,
    event: (value) => {
      const line = JSON.stringify(value)
      stream.write(`${isJobOutput(value) ? redactApiKeys(line, secrets) : redactSecrets(line, secrets)}\n`)
    },
    end: (_lines, summary) => stream.write(`${JSON.stringify({ kind: 'summary', ...summary })}\n`),
    abort: () => undefined,
  }
}
