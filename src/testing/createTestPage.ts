import type { PageSignals } from '../watch/PageSignals.js'

/**
 * A page a test drives: shown or hidden, online or offline, at will.
 *
 * @example
 * ```ts
 * import { createTestPage, type TestPage } from 'pixii-rx/testing'
 * const page: TestPage = createTestPage()
 * page.set({ online: false })
 * console.log(page.visible(), page.online())
 * // Output: true false
 * ```
 */
export interface TestPage extends PageSignals {
  /** Shows or hides the page, takes it online or offline; listeners hear of it at once. */
  set(change: { readonly visible?: boolean; readonly online?: boolean }): void
  /** How many listeners are attached now (a watch that ended leaves none behind). */
  listeners(): number
}

/**
 * A page for tests: pass it as a client's `page` to run hidden tabs and lost networks in virtual
 * time, in Node. It starts shown and online unless told otherwise.
 *
 * @param initial - Whether the page starts shown (`visible`) and online (`online`); both default to true.
 * @throws Never.
 *
 * @example
 * ```ts
 * import { TestScheduler } from 'rxjs/testing'
 * import { createPixiiClient } from 'pixii-rx'
 * import { createSimulator, createTestPage } from 'pixii-rx/testing'
 * const scheduler = new TestScheduler(() => {})
 * const simulator = createSimulator({ scheduler })
 * const page = createTestPage({ visible: false })
 * const pixii = createPixiiClient({ apiKey: simulator.testKey, fetch: simulator.fetch, scheduler, page })
 * const id = simulator.createJob({ key: simulator.testKey })
 * pixii.watchJob$(id, { onConnection: (state) => console.log(state.kind) }).subscribe()
 * console.log(simulator.log.length) // hidden: no request
 * page.set({ visible: true }) // shown: polls at once, and the answer says it is online again
 * // Output: online
 * // Output: hidden
 * // Output: 0
 * // Output: online
 * ```
 */
export function createTestPage(initial: { readonly visible?: boolean; readonly online?: boolean } = {}): TestPage {
  let visible = initial.visible ?? true
  let online = initial.online ?? true
  const listeners = new Set<() => void>()
  return {
    visible: () => visible,
    online: () => online,
    listen(change) {
      // Each attachment is its own entry, as addEventListener would not dedupe distinct callers.
      const listener = () => change()
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    set(change) {
      visible = change.visible ?? visible
      online = change.online ?? online
      for (const listener of [...listeners]) listener()
    },
    listeners: () => listeners.size,
  }
}
