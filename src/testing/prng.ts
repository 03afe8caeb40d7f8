/**
 * A seeded pseudo-random number generator (the mulberry32 construction), so that every
 * "random" choice of the simulator (keys, job ids, durations, fault rates) is reproducible.
 *
 * @example
 * ```ts
 * import { createPrng } from './prng.js'
 * const [a, b] = [createPrng(1), createPrng(1)]
 * console.log(a.int(1, 6) === b.int(1, 6), a.chars(4, 'abc') === b.chars(4, 'abc'))
 * // Output: true true
 * ```
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number
  /** `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet: string): string
}

/** Derives independent streams from one seed, so that drawing from one never shifts another. */
const STREAM_SPREAD = 0x9e3779b9

/**
 * Creates a generator for `seed`; `stream` selects an independent sequence for the same seed.
 *
 * @example
 * ```ts
 * import { createPrng } from './prng.js'
 * const ids = createPrng(42, 1)
 * const durations = createPrng(42, 2)
 * const first = ids.chars(24, '0123456789abcdef')
 * durations.next() // draws from one stream never shift another
 * console.log(first.length, first === createPrng(42, 1).chars(24, '0123456789abcdef'))
 * // Output: 24 true
 * ```
 */
export function createPrng(seed: number, stream = 0): Prng {
  let state = (seed ^ Math.imul(stream + 1, STREAM_SPREAD)) >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const chars = (length: number, alphabet: string): string => {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet.charAt(int(0, alphabet.length - 1))
    return out
  }
  return { next, int, chars }
}
