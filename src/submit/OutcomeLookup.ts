/**
 * How the client looks for the job of a submission whose answer was lost (a reset, a request
 * timeout, a 5xx other than 503). It lists the ASIN's jobs, at once and then with growing waits
 * (1 s, 2 s, 4 s, ... at most 15 s apart), for a job of the same type created between the moment
 * the request was sent and the moment of the look-up, and not already known to this client.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { type OutcomeLookup } from 'pixii-rx/advanced'
 * const patient: OutcomeLookup = { waitMs: 5 * 60_000, clockSkewMs: 10_000 }
 * createPixiiClient({ apiKey: 'pk_test_abc', outcomeLookup: patient })
 * ```
 */
export interface OutcomeLookup {
  /** How long to keep looking before reporting `SubmissionOutcomeUnknown`, in ms. Default 60 000. */
  readonly waitMs?: number
  /** How far the server's clock may be from this one, in ms: the window searched grows by this on each side. Default 2 000. */
  readonly clockSkewMs?: number
}

/** The defaults of {@link OutcomeLookup}: a minute of looking, two seconds of clock difference. */
export const defaultOutcomeLookup: Required<OutcomeLookup> = { waitMs: 60_000, clockSkewMs: 2_000 }
