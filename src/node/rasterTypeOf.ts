/** An image type that `downloadAds` saves, with the extension its files get. */
export interface RasterType {
  readonly mime: 'image/png' | 'image/jpeg' | 'image/webp'
  readonly extension: 'png' | 'jpg' | 'webp'
}

/** How many first bytes {@link rasterTypeOf} needs: a shorter file is not an image it saves. */
export const sniffedBytes = 16

const ascii = (bytes: Uint8Array, from: number, text: string): boolean =>
  bytes.length >= from + text.length && [...text].every((char, index) => bytes[from + index] === char.charCodeAt(0))

/**
 * What an image is by its first bytes (its magic number), not by what its host says: PNG (the
 * signature, then the `IHDR` chunk), JPEG (`FF D8 FF` and a marker), WebP (`RIFF`, `WEBP`, a `VP8`
 * chunk); `undefined` for anything else (SVG, HTML, GIF, text) and for fewer than
 * {@link sniffedBytes} bytes.
 *
 * @example
 * ```ts
 * import { rasterTypeOf } from './rasterTypeOf.js'
 * import { pngFor } from '../testing/png.js'
 * const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
 * console.log(rasterTypeOf(pngFor('/1.png'))?.extension, rasterTypeOf(svg))
 * // Output: png undefined
 * ```
 */
export function rasterTypeOf(head: Uint8Array): RasterType | undefined {
  if (head.length < sniffedBytes) return undefined
  if (head[0] === 0x89 && ascii(head, 1, 'PNG\r\n\u001a\n') && ascii(head, 12, 'IHDR')) return { mime: 'image/png', extension: 'png' }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff && (head[3] ?? 0) >= 0xc0 && head[3] !== 0xff) return { mime: 'image/jpeg', extension: 'jpg' }
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBPVP8') && [' ', 'L', 'X'].some((kind) => ascii(head, 15, kind))) return { mime: 'image/webp', extension: 'webp' }
  return undefined
}
