/**
 * A decoded answer with the server's time on it: its `Date` header in ms since the epoch
 * (whole seconds), or `undefined` when it had none (a browser hides it across origins unless
 * the server exposes it) or an unreadable one.
 */
export class Dated<A> {
  constructor(
    readonly value: A,
    readonly serverDate: number | undefined,
  ) {}
}

/** The `Date` header of an answer, in ms since the epoch, if it holds a valid date. */
export function serverDateOf(headers: Pick<Headers, 'get'>): number | undefined {
  const text = headers.get('date')
  const at = text === null ? Number.NaN : Date.parse(text)
  return Number.isFinite(at) ? at : undefined
}
