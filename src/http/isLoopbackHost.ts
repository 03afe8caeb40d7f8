/**
 * Whether a URL hostname names this machine: `localhost`, `127.0.0.0/8` or `[::1]`. Only such
 * hosts may be reached over plain HTTP.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host)
}
