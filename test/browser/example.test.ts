// The browser example in headless Chromium: the page submits jobs through the proxy, shows them
// move pending → processing → completed with thumbnails, a failed one with its code, one no
// longer watched whose polling stops, and a watch that makes no request while the tab is hidden
// or offline. Waits are on events (the proxy's log, the page's DOM), never on time; the page's
// own timers run on Playwright's clock, so minutes of a hidden tab pass at once. Skipped, with
// the reason printed, where there is no Chromium.
import { expect } from 'chai'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { filter, firstValueFrom } from 'rxjs'
import { startExampleServer, type ExampleServer } from '../../examples/browser/server.js'
import { requireTool } from '../support/requireTool.js'
import { chromiumMissing, launchChromium } from './chromium.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
// The README shows docs/browser-example.png; a run writes it only when asked, so that running
// the suite leaves the working tree as it was.
const screenshot = process.env['UPDATE_SCREENSHOT'] === '1' ? `${root}docs/browser-example.png` : `${root}.tmp/browser/browser-example.png`

declare global {
  interface Window {
    pixiiFetches?: string[]
  }
}

describe('the browser example in Chromium', function () {
  this.timeout(60_000)
  let example: ExampleServer
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined
  let page: Page
  const pageRequests: string[] = []

  before(async function () {
    requireTool(this, 'browser tests', chromiumMissing())
    example = await startExampleServer()
    browser = await launchChromium()
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
    page.on('request', (request) => pageRequests.push(request.url()))
    // The page's timers and Date: time flows as usual, and a test can fast-forward it (runFor).
    await browser.context.clock.install()
    // Counts what goes through the page's own fetch, installed before the bundle loads.
    await page.addInitScript(() => {
      const pageFetch = window.fetch.bind(window)
      window.pixiiFetches = []
      window.fetch = (input, init) => {
        window.pixiiFetches?.push(input instanceof Request ? input.url : String(input))
        return pageFetch(input, init)
      }
    })
    await page.goto(example.url)
  })

  after(async () => {
    await browser?.close()
    await example?.close()
  })

  async function submit(asin: string): Promise<string> {
    await page.fill('input[name=asin]', asin)
    await page.click('button[type=submit]')
    const card = page.locator('.card').first()
    await card.locator('.job-id', { hasText: 'job_' }).waitFor()
    return (await card.getAttribute('data-job-id')) ?? ''
  }

  const card = (jobId: string) => page.locator(`.card[data-job-id="${jobId}"]`)
  const steps = (jobId: string) => card(jobId).locator('.timeline li').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')))

  it('holds no key, and refuses a live key in the page', async () => {
    expect(await page.textContent('#key-check')).to.equal('refused: Validation on apiKey')
  })

  it('shows a job move pending → processing → completed, with its thumbnails', async () => {
    const jobId = await submit('B0CHX1W1XY')
    await card(jobId).and(page.locator('[data-status=completed]')).waitFor()
    // The default schedule polls a queued live job when it has most likely started: a 3 s job
    // may be seen only pending, then completed.
    expect(['pending,processing,completed', 'pending,completed']).to.include((await steps(jobId)).join())
    const thumbs = card(jobId).locator('img.thumb')
    expect(await thumbs.count()).to.equal(7)
    await page.waitForFunction((id) => {
      const images = [...document.querySelectorAll<HTMLImageElement>(`.card[data-job-id="${id}"] img.thumb`)]
      return images.every((image) => image.complete && image.naturalWidth === 8)
    }, jobId)
    const images = example.simulator.imageLog.filter((hit) => hit.path.includes(jobId))
    expect(images.map((hit) => [hit.status, hit.hadAuthorization])).to.deep.equal(Array(7).fill([200, false]))
  })

  it('shows a failed job with its error code', async () => {
    const jobId = await submit('B0FAILED01')
    await card(jobId).and(page.locator('[data-status=failed]')).waitFor()
    expect(await card(jobId).locator('.error').textContent()).to.equal('GENERATION_FAILED')
    expect(['pending,processing,failed', 'pending,failed']).to.include((await steps(jobId)).join())
  })

  it('stops watching a job on request: no request for it reaches the proxy afterwards', async () => {
    const stopped = await submit('B0CHX1W1XY')
    const polled = (event: { route?: string; jobId?: string }) => event.route === 'getJob' && event.jobId === stopped
    await firstValueFrom(example.proxyLog$.pipe(filter(polled)))
    await card(stopped).locator('button.stop').click()
    await card(stopped).and(page.locator('[data-stopped=true]')).waitFor()
    const pollsAtStop = await card(stopped).locator('.polls').textContent()
    expect(pollsAtStop).to.match(/then stopped watching: the job runs on at Pixii$/)

    // A job submitted after the stop, watched to the end, is the clock: the stopped job's loop,
    // had it kept running, would have polled while this one was pending and processing.
    const later = await submit('B0PARTIAL1')
    // Its submission's event is logged before the page sees the answer that carries the job id.
    const laterSubmission = example.proxyLog.filter((event) => event.route === 'submitListingBuilder').at(-1)
    await card(later).and(page.locator('[data-status=completed]')).waitFor()
    const laterPolls = example.proxyLog.filter((event) => event.jobId === later)
    expect(laterPolls.length).to.be.greaterThan(1)
    expect(laterSubmission?.seq).to.be.a('number')
    const afterStop = example.proxyLog.filter((event) => polled(event) && event.seq > (laterSubmission?.seq ?? 0))
    expect(afterStop).to.deep.equal([])
    expect(await card(stopped).locator('.polls').textContent()).to.equal(pollsAtStop)
    expect(await card(stopped).getAttribute('data-status')).to.be.oneOf(['pending', 'processing'])
    expect(await card(later).locator('.failed-ad').allTextContents()).to.deep.equal(['CONTENT_POLICY', 'CONTENT_POLICY'])
  })

  it('sends every API request through the page’s own fetch, and nothing beyond 127.0.0.1', async () => {
    const fetched = await page.evaluate(() => window.pixiiFetches ?? [])
    const proxied = example.proxyLog.filter((event) => event.outcome !== 'passed-on')
    expect(fetched.length).to.equal(proxied.length)
    expect(fetched.every((url) => url.startsWith(`${example.url}/pixii/v1/api/`))).to.equal(true)
    expect(pageRequests.filter((url) => !url.startsWith('http://127.0.0.1:'))).to.deep.equal([])
    expect(example.simulator.log.every((entry) => entry.org === example.simulator.log[0]?.org)).to.equal(true)
  })

  // Headless Chromium keeps every tab visible: a second tab in front, a tab opened over it with
  // Target.createTarget, a minimised window, Page.setWebLifecycleState and focus emulation turned
  // off all left document.visibilityState 'visible'. So the page is hidden the one way that
  // works there: document.visibilityState (what the library reads) answers 'hidden', and the
  // document hears visibilitychange, as it does when a user switches tabs.
  // (A string: the test's TypeScript runner names arrow functions with a helper the page lacks.)
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate(`
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' })
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${state === 'hidden'} })
      document.dispatchEvent(new Event('visibilitychange'))
    `)

  it('makes no request while the tab is hidden, and polls at once when it is shown', async () => {
    const jobId = await submit('B0CHX1W1XY')
    const polled = (event: { route?: string; jobId?: string }) => event.route === 'getJob' && event.jobId === jobId
    await firstValueFrom(example.proxyLog$.pipe(filter(polled)))
    await setVisibility('hidden')
    await card(jobId).and(page.locator('[data-connection=hidden]')).waitFor({ state: 'attached' })
    const seenAtHide = example.proxyLog.filter(polled).length
    const statusAtHide = await card(jobId).getAttribute('data-status')
    // Two minutes of the page's time: its schedule (60 s at most between polls) would have polled.
    await page.clock.runFor(120_000)
    expect(example.proxyLog.filter(polled).length).to.equal(seenAtHide)
    expect(await card(jobId).getAttribute('data-status')).to.equal(statusAtHide)
    expect(statusAtHide).to.be.oneOf(['pending', 'processing'])
    // Shown: the paused watch has no timer left, so the next request is the one visibility makes.
    await setVisibility('visible')
    await firstValueFrom(example.proxyLog$.pipe(filter((event) => polled(event) && example.proxyLog.filter(polled).length > seenAtHide)))
    await card(jobId).and(page.locator('[data-connection=online]')).waitFor({ state: 'attached' })
  })

  it('shows that it is offline, makes no request, and polls at once when the network is back', async () => {
    const jobId = await submit('B0CHX1W1XY')
    const polled = (event: { route?: string; jobId?: string }) => event.route === 'getJob' && event.jobId === jobId
    await firstValueFrom(example.proxyLog$.pipe(filter(polled)))
    await browser?.context.setOffline(true)
    await card(jobId).and(page.locator('[data-connection=offline]')).waitFor()
    expect(await card(jobId).locator('.connection').textContent()).to.equal('offline: no request until the network is back')
    const seenOffline = example.proxyLog.filter(polled).length
    await page.clock.runFor(120_000)
    expect(example.proxyLog.filter(polled).length).to.equal(seenOffline)
    expect(await card(jobId).getAttribute('data-status')).to.be.oneOf(['pending', 'processing'])
    await browser?.context.setOffline(false)
    await firstValueFrom(example.proxyLog$.pipe(filter((event) => polled(event) && example.proxyLog.filter(polled).length > seenOffline)))
    // The answer to that request says the watch is online again.
    await card(jobId).and(page.locator('[data-connection=online]')).waitFor({ state: 'attached' })
  })

  it('saves a screenshot of the page', async () => {
    await mkdir(fileURLToPath(new URL('.', `file://${screenshot}`)), { recursive: true })
    // Offline, as the README's picture shows it: the cards still watched say so.
    await browser?.context.setOffline(true)
    await page.locator('.card[data-connection=offline]').first().waitFor()
    await page.screenshot({ path: screenshot, fullPage: true })
    await browser?.context.setOffline(false)
    console.log(`      screenshot: ${screenshot.slice(root.length)}`)
  })
})
