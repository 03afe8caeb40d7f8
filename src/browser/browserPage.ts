import type { PageSignals } from '../watch/PageSignals.js'

interface PageScope {
  readonly document?: { readonly visibilityState?: string; addEventListener?: EventTarget['addEventListener']; removeEventListener?: EventTarget['removeEventListener'] }
  readonly navigator?: { readonly onLine?: boolean }
  addEventListener?: EventTarget['addEventListener']
  removeEventListener?: EventTarget['removeEventListener']
}

// Looked up at each call, never at import or client creation: the same module runs on a server
// (server-side rendering), where there is no document, and there a page is always shown and online.
const scope = (): PageScope => globalThis

/**
 * The real page: `document.visibilityState`, `navigator.onLine`, and their `visibilitychange`,
 * `online` and `offline` events. Outside a browser (Node, a server render) it is always visible
 * and online and never changes; in a worker, which has no document, it is always visible.
 *
 * @example
 * ```ts
 * import { browserPage } from 'pixii-rx/advanced'
 * console.log(browserPage.visible(), browserPage.online())
 * // Output: true true
 * ```
 */
export const browserPage: PageSignals = {
  visible: () => scope().document?.visibilityState !== 'hidden',
  online: () => scope().navigator?.onLine !== false,
  listen(change) {
    const { document } = scope()
    const global = scope()
    document?.addEventListener?.('visibilitychange', change)
    global.addEventListener?.('online', change)
    global.addEventListener?.('offline', change)
    return () => {
      document?.removeEventListener?.('visibilitychange', change)
      global.removeEventListener?.('online', change)
      global.removeEventListener?.('offline', change)
    }
  },
}
