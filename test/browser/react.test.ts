// useJob with real React (react-dom, a concurrent root, Strict Mode) in headless Chromium,
// through pixii-rx/proxy to the simulator. The page is bundled by esbuild with React's
// development build, where Strict Mode mounts every effect twice. Waits are on the page's DOM.
import { expect } from 'chai'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import type { Page } from 'playwright-core'
import { browserTwins } from '../../scripts/browserBundle.mjs'
import { createPixiiProxy } from '../../src/proxy/index.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'
import { requireTool } from '../support/requireTool.js'
import { chromiumMissing, launchChromium } from './chromium.js'

declare global {
  interface Window {
    pixiiFetches?: string[]
    renders: Array<{ readonly prop: string; readonly seen: string | undefined; readonly status: string }>
    showCards(ids: readonly string[]): void
  }
}

describe('useJob with React in Chromium', function () {
  this.timeout(60_000)
  let simulator: Simulator
  let server: Server
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined
  let page: Page

  before(async function () {
    requireTool(this, 'browser tests', chromiumMissing())
    simulator = await startSimulator()
    const built = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./react/page.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      plugins: [browserTwins],
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'silent',
    })
    const script = built.outputFiles[0]?.text ?? ''
    const html = '<!doctype html><meta charset="utf-8"><div id="root"></div><script type="module" src="/page.js"></script>'
    const proxy = createPixiiProxy({ apiKey: simulator.liveKey, upstream: simulator.url ?? '', prefix: '/pixii', allow: ['getJob'] })
    server = createServer((req, res) =>
      proxy(req, res, () => {
        const [type, body] = req.url === '/page.js' ? ['text/javascript', script] : ['text/html', html]
        res.writeHead(200, { 'content-type': type })
        res.end(body)
      }),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    browser = await launchChromium()
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
    await page.addInitScript(() => {
      const pageFetch = window.fetch.bind(window)
      window.pixiiFetches = []
      window.fetch = (input, init) => {
        window.pixiiFetches?.push(input instanceof Request ? input.url : String(input))
        return pageFetch(input, init)
      }
    })
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    await page.waitForFunction(() => typeof window.showCards === 'function')
  })

  after(async () => {
    await browser?.close()
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())))
    await simulator?.close()
  })

  const fetchesOf = async (id: string) => (await page.evaluate(() => window.pixiiFetches ?? [])).filter((url) => url.endsWith(`/jobs/${id}`)).length
  const upstreamOf = (id: string) => simulator.log.filter((entry) => entry.path.endsWith(`/jobs/${id}`)).length
  const card = (index: number, status: string) => page.locator(`.card >> nth=${index}`).and(page.locator(`[data-status=${status}]`))

  it('under Strict Mode, two cards of one job make one request, and show it', async () => {
    const id = simulator.createJob({ key: simulator.liveKey, queuedMs: 600_000 })
    await page.evaluate((shown) => window.showCards(shown), [id, id])
    await card(0, 'pending').waitFor()
    await card(1, 'pending').waitFor()
    expect(await fetchesOf(id)).to.equal(1)
    expect(upstreamOf(id)).to.equal(1)
    const renders = await page.evaluate(() => window.renders)
    expect(renders.every((render) => render.seen === render.prop)).to.equal(true)
    expect([...new Set(renders.map((render) => render.status))]).to.deep.equal(['loading', 'pending'])
  })

  it('starts over when the id changes: never the old job under the new id, and the old watch stops', async () => {
    const first = simulator.createJob({ key: simulator.liveKey, queuedMs: 600_000 })
    const second = simulator.createJob({ key: simulator.liveKey, queuedMs: 0, processingMs: 0 })
    await page.evaluate((shown) => window.showCards(shown), [first])
    await card(0, 'pending').waitFor()
    await page.evaluate(() => (window.renders = []))
    await page.evaluate((shown) => window.showCards(shown), [second])
    await card(0, 'completed').waitFor()
    const renders = await page.evaluate(() => window.renders)
    expect(renders.every((render) => render.prop === second && render.seen === second)).to.equal(true)
    expect(renders[0]?.status).to.equal('loading')
    expect(await page.locator('.card').getAttribute('data-done')).to.equal('true')
    // The first job's watch stopped with its card's id: no request for it since its one poll.
    expect(await fetchesOf(first)).to.equal(1)
  })

  it('shows a failed job as failed, and an unmounted card stops its watch', async () => {
    const failing = simulator.createJob({ key: simulator.liveKey, queuedMs: 0, processingMs: 0, outcome: { kind: 'failure', errorCode: 'GENERATION_FAILED' } })
    await page.evaluate((shown) => window.showCards(shown), [failing])
    await card(0, 'failed').waitFor()
    expect(await page.locator('.card').getAttribute('data-done')).to.equal('true')
    await page.evaluate(() => window.showCards([]))
    expect(await page.locator('.card').count()).to.equal(0)
  })
})
