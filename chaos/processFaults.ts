/** Counts of what reached the process-level hooks while they were installed. */
export interface ProcessFaults {
  readonly unhandledRejections: number
  readonly uncaughtExceptions: number
  /** The first few reasons, for the report. */
  readonly samples: readonly string[]
}

/**
 * Installs `unhandledRejection` and `uncaughtException` listeners that count what reaches them;
 * `stop()` removes them and returns the counts. While installed, an uncaught exception is
 * counted instead of ending the process, so that the run can report it with the rest.
 */
export function watchProcessFaults(): { stop(): ProcessFaults } {
  let unhandledRejections = 0
  let uncaughtExceptions = 0
  const samples: string[] = []
  const sample = (what: string, reason: unknown): void => {
    if (samples.length < 5) samples.push(`${what}: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`)
  }
  const onRejection = (reason: unknown): void => {
    unhandledRejections += 1
    sample('unhandled rejection', reason)
  }
  const onException = (error: unknown): void => {
    uncaughtExceptions += 1
    sample('uncaught exception', error)
  }
  process.on('unhandledRejection', onRejection)
  process.on('uncaughtException', onException)
  return {
    stop() {
      process.off('unhandledRejection', onRejection)
      process.off('uncaughtException', onException)
      return { unhandledRejections, uncaughtExceptions, samples }
    },
  }
}
