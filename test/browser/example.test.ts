// The browser example in headless Chromium: the page submits jobs through the proxy, shows them
// move pending → processing → completed with thumbnails, a failed one with its code, and a
// cancelled one whose polling stops. Waits are on events (the proxy's log, the page's DOM),
// never on time. Skipped, with the reason printed, where there is no Chromium.
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
    expect(await steps(jobId)).to.deep.equal(['pending', 'processing', 'completed'])
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
    expect(await steps(jobId)).to.deep.equal(['pending', 'processing', 'failed'])
  })

  it('stops polling when a job is cancelled: no request for it reaches the proxy afterwards', async () => {
    const cancelled = await submit('B0CHX1W1XY')
    const polled = (event: { route?: string; jobId?: string }) => event.route === 'getJob' && event.jobId === cancelled
    await firstValueFrom(example.proxyLog$.pipe(filter(polled)))
    await card(cancelled).locator('button.cancel').click()
    await card(cancelled).and(page.locator('[data-cancelled=true]')).waitFor()
    const pollsAtCancel = await card(cancelled).locator('.polls').textContent()

    // A job submitted after the cancel, watched to the end, is the clock: it polls every 400 ms
    // for 2.6 s or more, as the cancelled job's loop would have, had it kept running.
    const later = await submit('B0PARTIAL1')
    // Its submission's event is logged before the page sees the answer that carries the job id.
    const laterSubmission = example.proxyLog.filter((event) => event.route === 'submitListingBuilder').at(-1)
    await card(later).and(page.locator('[data-status=completed]')).waitFor()
    const laterPolls = example.proxyLog.filter((event) => event.jobId === later)
    expect(laterPolls.length).to.be.greaterThan(4)
    expect(laterSubmission?.seq).to.be.a('number')
    const afterCancel = example.proxyLog.filter((event) => polled(event) && event.seq > (laterSubmission?.seq ?? 0))
    expect(afterCancel).to.deep.equal([])
    expect(await card(cancelled).locator('.polls').textContent()).to.equal(pollsAtCancel)
    expect(await card(cancelled).getAttribute('data-status')).to.be.oneOf(['pending', 'processing'])
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

  it('saves a screenshot of the page', async () => {
    await mkdir(fileURLToPath(new URL('.', `file://${screenshot}`)), { recursive: true })
    await page.screenshot({ path: screenshot, fullPage: true })
    console.log(`      screenshot: ${screenshot.slice(root.length)}`)
  })
})
