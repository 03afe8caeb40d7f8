// Bodies an image host may send: the smallest byte strings that start like a JPEG or a WebP
// (enough for a check of magic numbers, not for a decoder), and what is not a raster image.
import type { ServerResponse } from 'node:http'

/** Starts like a JPEG (`FF D8 FF E0`, a JFIF segment), then filler, then the end marker. */
export const jpegBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(40, 7), Buffer.from([0xff, 0xd9])])

/** Starts like a lossless WebP (`RIFF`, a size, `WEBP`, a `VP8L` chunk), then filler. */
export const webpBytes = Buffer.concat([Buffer.from('RIFF'), Buffer.from([40, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(32, 9)])

/** An SVG with a script in it. */
export const svgWithScript = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>alert(document.cookie)</script></svg>')

/** An HTML page. */
export const htmlPage = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')

/** A route answer that announces `announced` bytes of `type`, sends the first `sent` of `bytes`, and cuts the connection. */
export function truncated(bytes: Uint8Array, sent: number, type = 'image/png'): (res: ServerResponse) => void {
  return (res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.length) })
    res.write(bytes.subarray(0, sent), () => res.destroy())
  }
}
