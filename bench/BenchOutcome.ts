import type { BenchResult } from './BenchResult.js'

/** What became of one benchmark in a run: its result, or why there is none. */
export type BenchOutcome =
  | { readonly kind: 'done'; readonly key: string; readonly result: BenchResult; readonly seconds: number }
  | { readonly kind: 'missing'; readonly key: string; readonly title: string; readonly reason: string }
  | { readonly kind: 'failed'; readonly key: string; readonly title: string; readonly error: string }
