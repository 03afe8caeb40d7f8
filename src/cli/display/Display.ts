import type { JobLine } from './JobLine.js'

/**
 * Where a command reports: a live terminal display, or NDJSON lines.
 *
 * @example
 * ```ts
 * import type { Display } from './Display.js'
 * const quiet: Display = { job: () => undefined, event: () => undefined, end: () => undefined, abort: () => undefined }
 * ```
 */
export interface Display {
  /** Creates or updates a job's line (live display only). */
  job(id: string, patch: Partial<Omit<JobLine, 'id' | 'since'>>): void
  /** Records an event (NDJSON only: one line each). */
  event(value: object): void
  /** Ends the display with a summary: lines on a terminal, one `summary` object in NDJSON. */
  end(lines: readonly string[], summary: object): void
  /** Ends the display without a summary, when the command fails (the error is printed after). */
  abort(): void
}
