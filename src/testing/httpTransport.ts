import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Dispatcher, Exchange } from './dispatcher.js'
import type { SimulatorLedger } from './ledger.js'
import type { Plan } from './respond.js'

/** Where `startSimulator({ serveLedger: true })` serves the ledger. */
export const LEDGER_PATH = '/_simulator/ledger'

function send(res: ServerResponse, plan: Plan, exchange: Exchange): void {
  if (plan.kind === 'hang' || res.destroyed) return
  const { status, headers, body } = plan.reply
  res.writeHead(status, headers)
  if (plan.cutAt === undefined) {
    res.end(body)
    return
  }
  exchange.closedByServer()
  res.flushHeaders()
  res.write(body.subarray(0, plan.cutAt), () => res.destroy())
}

/**
 * Serves a dispatcher over HTTP on 127.0.0.1 (an ephemeral port). A request counts as aborted
 * by the client when its response closes before `finish`, i.e. before the whole answer was
 * handed to the socket. `close` destroys every connection, hanging ones included: call the
 * dispatcher's `closeAll` first so that this is not mistaken for clients going away.
 *
 * @example
 * ```ts
 * import { createDispatcher } from './dispatcher.js'
 * import { createFaults } from './faults.js'
 * import { listen } from './httpTransport.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * import { createPrng } from './prng.js'
 * import { createRequestLog } from './requestLog.js'
 * const dispatcher = createDispatcher(createModel(resolveOptions()), createRequestLog(), createFaults(createPrng(1)))
 * const server = await listen(dispatcher)
 * const res = await fetch(`${server.url}/v1/api/nothing`)
 * console.log(res.status, server.url.startsWith('http://127.0.0.1:'))
 * // Output: 404 true
 * await res.arrayBuffer()
 * dispatcher.closeAll()
 * await server.close()
 * ```
 */
export async function listen(dispatcher: Dispatcher, ledger?: () => SimulatorLedger): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (ledger !== undefined && url.pathname === LEDGER_PATH && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(JSON.stringify(ledger()))
      return
    }
    const exchange = dispatcher.begin({
      transport: 'http',
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization ?? null,
    })
    res.on('finish', () => exchange.finished())
    res.on('close', () => {
      if (!res.writableFinished) exchange.aborted()
    })
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('error', () => undefined) // an upload cut short; the 'close' above records it
    req.on('end', () => {
      exchange.plan(Buffer.concat(chunks).toString('utf8')).then(
        (plan) => send(res, plan, exchange),
        () => res.destroy(),
      )
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
