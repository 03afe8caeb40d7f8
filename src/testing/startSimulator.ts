import { assemble } from './assemble.js'
import { listen } from './httpTransport.js'
import { resolveOptions, type SimulatorOptions } from './options.js'
import type { Simulator } from './simulator.js'

/**
 * Creates a simulator and serves it over HTTP on 127.0.0.1 (an ephemeral port). Signed image
 * URLs point at this server unless `imageBaseUrl` is given. The in-memory `fetch` keeps
 * working on the same model. With `serveLedger`, `GET /_simulator/ledger` on the same port
 * answers `simulator.ledger()` as JSON (for a client under test in another process). Always `close()` it (mocha waits for open sockets otherwise).
 *
 * @param options - Clock, seed, durations, credits, limits and image host (see {@link SimulatorOptions}).
 * @throws Never synchronously: the promise rejects with a `RangeError` naming an option that is out of
 * range, or with the server's error when it cannot listen.
 *
 * @example
 * ```ts
 * import { startSimulator } from 'pixii-rx/testing'
 * const sim = await startSimulator()
 * const res = await fetch(`${sim.url}/v1/api/jobs?asin=B000000001`, { headers: { Authorization: `Bearer ${sim.testKey}` } })
 * const page = (await res.json()) as { total: number }
 * console.log(res.status, page.total)
 * // Output: 200 0
 * await sim.close()
 * ```
 */
export async function startSimulator(options?: SimulatorOptions): Promise<Simulator & { url: string }> {
  const resolved = resolveOptions(options)
  let closeServer = (): Promise<void> => Promise.resolve()
  const { simulator, dispatcher, model } = assemble(resolved, () => closeServer())
  const server = await listen(dispatcher, options?.serveLedger === true ? () => simulator.ledger() : undefined)
  closeServer = () => server.close()
  if (resolved.imageBaseUrl === undefined) model.setImageBaseUrl(server.url)
  return { ...simulator, url: server.url }
}
