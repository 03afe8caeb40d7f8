/**
 * A wait as a value: the milliseconds before try number `step`, counted from 0 for the first
 * wait. Every backoff of the library is `exponential`, shaped by `upTo` and `jittered`. These are
 * data-last, so they compose with rxjs's `pipe`, in the manner of Effect's `Schedule`:
 * `pipe(upTo(30_000), jittered(0.5, Math.random))(exponential(500))` waits 250 to 500 ms first,
 * doubling up to 15 to 30 s.
 */
export type Backoff = (step: number) => number
