// The browser example's server: the page, its script bundled by esbuild at start-up, and
// pixii-rx/proxy at /pixii in front of a simulated Pixii. Everything listens on 127.0.0.1.
// Run it with `npm run example:browser` and open the address it prints.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { ReplaySubject, type Observable } from 'rxjs'
import { bundleForBrowsers, describeSize } from '../../scripts/browserBundle.mjs'
import { createPixiiProxy, type ProxyEvent } from '../../src/proxy/index.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'

export interface ExampleServer {
  readonly url: string
  readonly simulator: Simulator
  /** Every request that reached the proxy, in order, once it is over. */
  readonly proxyLog: readonly ProxyEvent[]
  /** The same, replayed and then live, to wait on. */
  readonly proxyLog$: Observable<ProxyEvent>
  /** The size of the page's bundle. */
  readonly bundleSize: string
  close(): Promise<void>
}

const here = (file: string): URL => new URL(file, import.meta.url)

export async function startExampleServer(port = 0): Promise<ExampleServer> {
  // Live jobs wait 0.6–0.9 s and run 2–3 s here (minutes on Pixii), so that each state shows.
  const simulator = await startSimulator({ liveDurations: { queuedMs: [600, 900], processingMs: [2_000, 3_000] } })
  simulator.script({ kind: 'failure', errorCode: 'GENERATION_FAILED' }, { asin: 'B0FAILED01', times: Infinity })
  simulator.script({ kind: 'partial', failedAds: 2, errorCode: 'CONTENT_POLICY' }, { asin: 'B0PARTIAL1', times: Infinity })
  const bundle = await bundleForBrowsers(fileURLToPath(here('main.ts')), 'main.js')
  const files: Readonly<Record<string, readonly [string, string]>> = {
    '/': ['text/html; charset=utf-8', await readFile(here('index.html'), 'utf8')],
    '/style.css': ['text/css; charset=utf-8', await readFile(here('style.css'), 'utf8')],
    '/main.js': ['text/javascript; charset=utf-8', `${bundle.code}//# sourceMappingURL=/main.js.map\n`],
    '/main.js.map': ['application/json', bundle.map],
  }
  const proxyLog: ProxyEvent[] = []
  const proxyLog$ = new ReplaySubject<ProxyEvent>()
  // The live key stays here; the page never sees it.
  const proxy = createPixiiProxy({
    apiKey: simulator.liveKey,
    upstream: simulator.url,
    prefix: '/pixii',
    allow: ['getJob', 'listJobs', 'submitListingBuilder'],
    onRequest: (event) => {
      proxyLog.push(event)
      proxyLog$.next(event)
    },
  })
  const server = createServer((req, res) =>
    proxy(req, res, () => {
      const file = req.method === 'GET' ? files[req.url ?? ''] : undefined
      res.writeHead(file === undefined ? 404 : 200, { 'content-type': file?.[0] ?? 'text/plain', 'cache-control': 'no-store' })
      res.end(file?.[1] ?? 'not found')
    }),
  )
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    simulator,
    proxyLog,
    proxyLog$,
    bundleSize: describeSize(bundle),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      proxyLog$.complete()
      await simulator.close()
    },
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const example = await startExampleServer(Number(process.env['PORT'] ?? 8080))
  console.log(`pixii-rx browser example: ${example.url} (page bundle ${example.bundleSize}; Ctrl-C to stop)`)
}
