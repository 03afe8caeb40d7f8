import { rootOf } from './scrubbedCause.js'

const refusedBeforeSending: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * Whether a failed fetch provably never reached the server: the connection was refused, the host
 * did not resolve, or the network was unreachable. Anything else (a reset, a closed socket, a
 * browser's bare "Failed to fetch") may have come after the request was sent, so its outcome is
 * unknown: a submission must not be re-sent blindly after it.
 */
export function neverConnected(error: unknown): boolean {
  const code = (rootOf(error) as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && refusedBeforeSending.has(code)
}
