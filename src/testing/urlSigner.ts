import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Signs and checks image URLs the way a CDN's secure links do: the signature is the hex
 * HMAC-SHA256 of `path + expires` under a secret only the simulator knows.
 *
 * @example
 * ```ts
 * import { createUrlSigner } from './urlSigner.js'
 * const signer = createUrlSigner('secret', () => 'http://127.0.0.1:8080')
 * const url = new URL(signer.sign('/images/job_1/1.png', 1_700_000_000))
 * const [expires, signature] = [url.searchParams.get('expires'), url.searchParams.get('signature')]
 * console.log(signer.verify(url.pathname, expires, signature, 0), signer.verify('/images/job_1/2.png', expires, signature, 0))
 * // Output: ok invalid
 * console.log(signer.verify(url.pathname, expires, signature, 1_800_000_000_000))
 * // Output: expired
 * ```
 */
export interface UrlSigner {
  /** The full signed URL of `path`, valid until `expires` (unix seconds). */
  sign(path: string, expires: number): string
  /** Checks a request's path and query parameters against model time `nowMs`. */
  verify(path: string, expires: string | null, signature: string | null, nowMs: number): 'ok' | 'expired' | 'invalid'
}

/**
 * Creates a signer; `baseUrl` is read at each signature so that a server started later can
 * put its own address in the URLs.
 *
 * @example
 * ```ts
 * import { createUrlSigner } from './urlSigner.js'
 * const url = createUrlSigner('secret', () => 'https://images.pixii.invalid').sign('/images/job_1/1.png', 60)
 * console.log(url.replace(/signature=[0-9a-f]{64}$/, 'signature=…'))
 * // Output: https://images.pixii.invalid/images/job_1/1.png?expires=60&signature=…
 * ```
 */
export function createUrlSigner(secret: string, baseUrl: () => string): UrlSigner {
  const mac = (path: string, expires: string): Buffer => createHmac('sha256', secret).update(path + expires).digest()
  return {
    sign(path, expires) {
      const e = String(expires)
      return `${baseUrl()}${path}?expires=${e}&signature=${mac(path, e).toString('hex')}`
    },
    verify(path, expires, signature, nowMs) {
      if (expires === null || signature === null || !/^\d+$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) {
        return 'invalid'
      }
      if (!timingSafeEqual(mac(path, expires), Buffer.from(signature, 'hex'))) return 'invalid'
      return nowMs > Number(expires) * 1000 ? 'expired' : 'ok'
    },
  }
}
