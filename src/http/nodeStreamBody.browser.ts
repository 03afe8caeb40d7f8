// In browsers a response body is a ReadableStream (or null), never a Node stream: this stands in
// for nodeStreamBody.ts there (package.json "browser"), so page bundles carry no Node reader.

/** Never a Node stream in a browser: `undefined`, and the caller reads the body as a web stream. */
export function readNodeStream(_body: unknown, _limit: number): Promise<Uint8Array> | undefined {
  return undefined
}

/** Never a Node stream in a browser: false. */
export function destroyNodeStream(_body: unknown): boolean {
  return false
}
