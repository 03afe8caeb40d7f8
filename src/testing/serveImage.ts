import type { Model } from './model.js'
import { pngFor } from './png.js'
import { errorReply, rawReply, type Reply } from './reply.js'

/**
 * `GET /images/...` on the image host: 200 `image/png` for a correctly signed, unexpired URL;
 * 403 `{ code: 'FORBIDDEN', message }` for a missing, wrong or tampered signature and for an
 * expired URL. The image host does not look at `Authorization` (the caller logs it).
 *
 * @example
 * ```ts
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * import { serveImage } from './serveImage.js'
 * const model = createModel(resolveOptions())
 * const url = new URL(model.signer.sign('/images/job_1/1.png', 2_000_000_000))
 * const query = Object.fromEntries(url.searchParams)
 * console.log(serveImage(model, url.pathname, query, 0).status, serveImage(model, url.pathname, {}, 0).status)
 * // Output: 200 403
 * ```
 */
export function serveImage(model: Model, path: string, query: Readonly<Record<string, string>>, at: number): Reply {
  const verdict = model.signer.verify(path, query['expires'] ?? null, query['signature'] ?? null, at)
  if (verdict === 'expired') return errorReply(403, 'FORBIDDEN', 'This image URL has expired')
  if (verdict === 'invalid') return errorReply(403, 'FORBIDDEN', 'Invalid image URL signature')
  return rawReply(200, 'image/png', pngFor(path), { 'Cache-Control': 'private, max-age=604800' })
}
