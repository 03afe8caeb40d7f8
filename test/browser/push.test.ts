// Server push in real Chromium: three pages watch five jobs through the proxy's event stream and
// cost Pixii (the simulator, in virtual time) the requests of five watches; a job token opens its
// job and no other. Waits are on events (the proxy's log, the pages' promises), never on time.
import { expect } from 'chai'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { BehaviorSubject, filter, firstValueFrom, lastValueFrom } from 'rxjs'
import { bundleForBrowsers } from '../../scripts/browserBundle.mjs'
import { createPixiiClient, fixedSchedule } from '../../src/index.js'
import { createJobTokens, createPixiiProxy, type ProxyEvent } from '../../src/proxy/index.js'
import { createSimulator, type Simulator } from '../../src/testing/index.js'
import { requireTool } from '../support/requireTool.js'
import { VirtualClock } from '../support/virtualTime.js'
import { chromiumMissing, launchChromium } from './chromium.js'

const durations = [1_500, 2_500, 3_500, 4_500, 5_500]
const jobGets = (simulator: Simulator): number => simulator.log.filter((entry) => /^\/v1\/api\/jobs\/[^/]+$/.test(entry.path)).length

describe('server push in Chromium', function () {
  this.timeout(60_000)
  let clock: VirtualClock
  let simulator: Simulator
  const servers: ReturnType<typeof createServer>[] = []
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined
  // One origin per page: over HTTP/1.1 a browser keeps at most six connections to an origin,
  // across its tabs, and each stream holds one. Every port serves the same proxy.
  const urls: string[] = []
  const log: ProxyEvent[] = []
  // Streams that reached the proxy, to wait on before time moves.
  const arrivals = new BehaviorSubject(0)
  const tokens = createJobTokens({ keys: { k1: 'the signing secret, at least thirty-two bytes long' } })

  before(async function () {
    requireTool(this, 'browser tests', chromiumMissing())
    clock = new VirtualClock()
    simulator = createSimulator({ scheduler: clock.scheduler })
    const bundle = await bundleForBrowsers(fileURLToPath(new URL('pushPage.ts', import.meta.url)), 'push.js')
    const proxy = createPixiiProxy({
      apiKey: simulator.testKey,
      fetch: clock.track(simulator.fetch),
      scheduler: clock.scheduler,
      prefix: '/pixii',
      allow: ['getJob', 'watchJob'],
      jobTokens: tokens,
      watchSchedule: fixedSchedule(1_000),
      onRequest: (event) => log.push(event),
    })
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      if (req.url?.includes('/events') === true) arrivals.next(arrivals.value + 1)
      proxy(req, res, () => {
        const page = req.url === '/' ? ['text/html', '<!doctype html><script src="/push.js"></script>'] : req.url === '/push.js' ? ['text/javascript', bundle.code] : undefined
        res.writeHead(page === undefined ? 404 : 200, { 'content-type': page?.[0] ?? 'text/plain' }).end(page?.[1] ?? 'not found')
      })
    }
    for (let n = 0; n < 3; n += 1) {
      const server = createServer(handler)
      servers.push(server)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    }
    browser = await launchChromium()
  })

  after(async () => {
    await browser?.close()
    for (const server of servers) {
      server.closeAllConnections()
      server.close()
    }
    await simulator?.close()
  })

  async function openPage(n: number): Promise<Page> {
    const page = await (browser as NonNullable<typeof browser>).context.newPage()
    await page.goto(urls[n] as string)
    await page.waitForFunction(() => typeof window.pushWatch === 'function')
    return page
  }

  it('refuses a token for one job on another, and asks Pixii nothing for it', async () => {
    const [mine, theirs] = [simulator.createJob({ key: simulator.testKey }), simulator.createJob({ key: simulator.testKey })]
    const page = await openPage(0)
    const outcome = await page.evaluate(([jobId, token]) => window.pushWatch(jobId, token), [theirs, tokens.issue(mine)] as const)
    expect(outcome).to.equal('Unauthorized 403')
    const raw = await page.evaluate(async ([jobId, token]) => {
      const answer = await fetch(`/pixii/v1/api/jobs/${jobId}`, { headers: { 'x-pixii-job-token': token } })
      return `${answer.status} ${((await answer.json()) as { code: string }).code}`
    }, [theirs, tokens.issue(mine)] as const)
    expect(raw).to.equal('403 FORBIDDEN')
    expect(log.filter((event) => event.route !== undefined).map((event) => `${event.route} ${event.status}`)).to.deep.equal(['watchJob 403', 'getJob 403', 'getJob 403'])
    expect(simulator.log).to.have.length(0)
    await page.close()
  })

  it('serves three pages on five jobs with the upstream requests of five watches', async () => {
    log.length = 0
    arrivals.next(0)
    const before = simulator.log.length
    const ids = durations.map((processingMs) => simulator.createJob({ key: simulator.testKey, queuedMs: 1_000, processingMs }))
    const pages = [await openPage(0), await openPage(1), await openPage(2)]
    const watched = pages.map((page) => Promise.all(ids.map((id) => page.evaluate(([jobId, token]) => window.pushWatch(jobId, token), [id, tokens.issue(id)] as const))))
    await firstValueFrom(arrivals.pipe(filter((count) => count >= 15)))
    await clock.settle()
    await clock.runUntil(() => log.filter((event) => event.route === 'watchJob' && event.outcome === 'forwarded').length === 15)
    expect(await Promise.all(watched)).to.deep.equal(Array(3).fill(Array(5).fill('completed')))
    for (const page of pages) {
      const seen = await page.evaluate(() => window.pushSeen)
      expect(Object.values(seen)).to.deep.equal(Array(5).fill(['pending', 'processing', 'completed']))
    }
    expect(log.filter((event) => event.route !== undefined).map((event) => event.route)).to.deep.equal(Array(15).fill('watchJob'))
    const throughProxy = simulator.log.length - before

    const baselineClock = new VirtualClock()
    const baseline = createSimulator({ scheduler: baselineClock.scheduler })
    const baselineIds = durations.map((processingMs) => baseline.createJob({ key: baseline.testKey, queuedMs: 1_000, processingMs }))
    const client = createPixiiClient({ apiKey: baseline.testKey, fetch: baselineClock.track(baseline.fetch), scheduler: baselineClock.scheduler, schedule: fixedSchedule(1_000) })
    const done = Promise.all(baselineIds.map((id) => lastValueFrom(client.watchJob$(id))))
    await baselineClock.runUntil(() => baselineClock.scheduler.actions.length === 0 && jobGets(baseline) > 0)
    await done
    console.log(`      3 pages on 5 jobs through the stream: ${throughProxy} upstream requests; 5 watches: ${jobGets(baseline)}`)
    expect(throughProxy).to.equal(jobGets(baseline))
    await baseline.close()
  })
})
