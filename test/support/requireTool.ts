// A test that needs a real browser, terminal or server outside Node: where it is missing, a
// developer's machine skips the test and says why, but CI (CI=true) fails it. A skipped test
// proves nothing, and a CI run that quietly skipped its browser test would look green.
import type { Context } from 'mocha'

/** Skips `test` (locally) or throws (when `CI` is set) when `missing` says why the tool is absent. */
export function requireTool(test: Context, what: string, missing: string | undefined): void {
  if (missing === undefined) return
  if (process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false') {
    throw new Error(`${what} cannot run in CI: ${missing}`)
  }
  console.log(`      SKIPPED (${what}): ${missing}`)
  test.skip()
}
