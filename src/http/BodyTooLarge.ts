/** Raised by `readBodyCapped` when the body passes the cap; the transport maps it. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge'
  constructor(readonly limit: number) {
    super(`The response body is larger than ${limit} bytes`)
  }
}
