/** A polling workload that runs until stopped, counting the polls answered so far. */
export interface PollWorkload {
  /** Polls answered (a 200 read to its end and parsed) since the start. */
  polls(): number
  /** Failed polls since the start (there should be none: the simulator answers instantly). */
  failures(): number
  /** Stops polling and waits for what is in flight to end. */
  stop(): Promise<void>
}
