/**
 * The largest number of `starts` (ms) that fall in any window of `windowMs`: a limiter that keeps
 * its limit has this at most the limit. Sorted starts i and i + n fit one window when less than
 * `windowMs` apart.
 */
export function mostInAnyWindow(starts: readonly number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b)
  let most = 0
  let first = 0
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] as number) - (sorted[first] as number) >= windowMs) first += 1
    most = Math.max(most, last - first + 1)
  }
  return most
}
