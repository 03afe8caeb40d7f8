import { deflateSync } from 'node:zlib'

const SIDE = 8

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/**
 * A small valid PNG (8×8, one colour) whose colour is derived from `key`, so each image URL
 * serves its own stable bytes.
 *
 * @example
 * ```ts
 * import { pngFor } from './png.js'
 * const bytes = pngFor('/images/job_1/1.png')
 * console.log(bytes.subarray(1, 4).toString(), bytes.equals(pngFor('/images/job_1/1.png')))
 * // Output: PNG true
 * ```
 */
export function pngFor(key: string): Buffer {
  let h = 0
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIDE, 0)
  header.writeUInt32BE(SIDE, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit depth, truecolour, default compression/filter, no interlace
  const row = [0, ...Array.from({ length: SIDE }, () => [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff]).flat()]
  const pixels = Buffer.from(Array.from({ length: SIDE }, () => row).flat())
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', new Uint8Array(0)),
  ])
}
