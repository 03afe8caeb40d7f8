/**
 * What a watch needs to know of the page it runs in: whether anyone can see it, whether the
 * browser believes it is online, and when either changes. A client reads the real `document` and
 * `window` by default (`browserPage`); tests pass one they drive (`createTestPage` in
 * `pixii-rx/testing`), so that hidden tabs and lost networks run in virtual time.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import type { PageSignals } from 'pixii-rx/advanced'
 * // A page that is always shown and online: a watch never pauses.
 * const alwaysShown: PageSignals = { visible: () => true, online: () => true, listen: () => () => {} }
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc', page: alwaysShown })
 * console.log(pixii.keyKind)
 * // Output: test
 * ```
 */
export interface PageSignals {
  /** Whether the page is shown now (`document.visibilityState` is not `hidden`). */
  visible(): boolean
  /** Whether the browser believes it is online (`navigator.onLine` is not `false`). */
  online(): boolean
  /** Calls `change` whenever visibility or connectivity may have changed; returns what stops it. */
  listen(change: () => void): () => void
}
