/**
 * What the client needs to know of the place it runs in.
 *
 * @example
 * ```ts
 * import type { Runtime } from './detectRuntime.js'
 * const page: Runtime = { browser: true, origin: 'https://shop.example' }
 * console.log(page.browser)
 * // Output: true
 * ```
 */
export interface Runtime {
  /** True in a web page or a web worker: anything shipped there can be read by whoever opens it. */
  readonly browser: boolean
  /** The page's origin (`location.origin`), when it has a usable one (not `file:` or a sandbox's `null`). */
  readonly origin?: string
}

interface Scope {
  readonly document?: unknown
  readonly WorkerGlobalScope?: unknown
  readonly location?: { readonly origin?: unknown }
}

/**
 * Tells a browser (a page, or a worker, which has no `document` but a `WorkerGlobalScope`) from
 * Node, Deno or Bun, and reads the page's origin. A DOM emulation such as jsdom counts as a
 * browser, which is what a front end's tests want.
 *
 * @example
 * ```ts
 * import { detectRuntime } from './detectRuntime.js'
 * console.log(detectRuntime().browser)
 * console.log(detectRuntime({ document: {}, location: { origin: 'https://shop.example' } }).origin)
 * // Output: false
 * // Output: https://shop.example
 * ```
 */
export function detectRuntime(scope: object = globalThis): Runtime {
  const { document, WorkerGlobalScope, location } = scope as Scope
  const inWorker = typeof WorkerGlobalScope === 'function' && scope instanceof WorkerGlobalScope
  const browser = (typeof document === 'object' && document !== null) || inWorker
  const origin = location?.origin
  const usable = browser && typeof origin === 'string' && /^https?:\/\//.test(origin)
  return usable ? { browser, origin } : { browser }
}
