// The browser rules of createPixiiClient, driven through normalizeOptions with a stated runtime.
// The same rules run for real in Chromium in example.test.ts.
import { expect } from 'chai'
import { normalizeOptions } from '../../src/client/normalizeOptions.js'
import { isPixiiError, type PixiiClientOptions } from '../../src/index.js'
import { detectRuntime, type Runtime } from '../../src/browser/detectRuntime.js'

const page: Runtime = { browser: true, origin: 'https://shop.example' }
const plainPage: Runtime = { browser: true, origin: 'http://intranet.example:8080' }
const filePage: Runtime = { browser: true }
const node: Runtime = { browser: false }

function refusal(options: unknown, runtime: Runtime): { message: string; field: string | undefined } {
  try {
    normalizeOptions(options as PixiiClientOptions, runtime)
  } catch (error) {
    if (isPixiiError(error, 'Validation')) return { message: error.message, field: error.field }
    throw error
  }
  throw new Error('expected the options to be refused')
}

describe('createPixiiClient in a browser', () => {
  it('refuses a pk_live_ key with a message that says why and what to do, without the key', () => {
    const { message, field } = refusal({ apiKey: 'pk_live_s3cr3t', baseUrl: 'https://api.pixii.ai' }, page)
    expect(field).to.equal('apiKey')
    expect(message).to.equal(
      'Invalid createPixiiClient options: apiKey: a pk_live_ key is refused in a browser, where anyone who opens the page can read it: ' +
        'keep it on your server (pixii-rx/proxy adds it there, and the page needs no key), or pass dangerouslyAllowLiveKeyInBrowser: true',
    )
    expect(message).not.to.contain('s3cr3t')
    expect(refusal({ apiKey: 'pk_live_s3cr3t', dangerouslyAllowLiveKeyInBrowser: false }, page).field).to.equal('apiKey')
    expect(refusal({ apiKey: 'pk_live_s3cr3t' }, filePage).field).to.equal('apiKey')
  })

  it('accepts a pk_live_ key only with the explicit opt-in, which must be a boolean', () => {
    const settings = normalizeOptions({ apiKey: 'pk_live_s3cr3t', dangerouslyAllowLiveKeyInBrowser: true }, page)
    expect(settings).to.include({ apiKey: 'pk_live_s3cr3t', keyKind: 'live', baseUrl: 'https://api.pixii.ai' })
    const odd = { apiKey: 'pk_live_s3cr3t', dangerouslyAllowLiveKeyInBrowser: 'yes' }
    expect(refusal(odd, page).message).to.contain('dangerouslyAllowLiveKeyInBrowser: expected a boolean, got string')
  })

  it('accepts a pk_test_ key (it spends nothing) and a key of no known kind', () => {
    expect(normalizeOptions({ apiKey: 'pk_test_abc' }, page).keyKind).to.equal('test')
    expect(normalizeOptions({ apiKey: 'session-token' }, page).keyKind).to.equal('unknown')
  })

  it('runs without a key against a same-origin path, which is resolved against the page', () => {
    const settings = normalizeOptions({ baseUrl: '/pixii/' }, page)
    expect(settings.baseUrl).to.equal('https://shop.example/pixii')
    expect(settings).not.to.have.property('apiKey')
    expect(settings.keyKind).to.equal('unknown')
    expect(normalizeOptions({ baseUrl: '/' }, page).baseUrl).to.equal('https://shop.example')
    expect(normalizeOptions({ baseUrl: 'https://shop.example/api' }, page).baseUrl).to.equal('https://shop.example/api')
  })

  it('accepts the page’s own plain-http origin without a key, but not with one', () => {
    expect(normalizeOptions({ baseUrl: '/pixii' }, plainPage).baseUrl).to.equal('http://intranet.example:8080/pixii')
    expect(refusal({ apiKey: 'pk_test_abc', baseUrl: '/pixii' }, plainPage).message).to.contain(
      'baseUrl: expected https (plain http only to a loopback host), got "http://intranet.example:8080/pixii"',
    )
  })

  it('requires a key against any other origin', () => {
    expect(refusal({}, page).message).to.equal('Invalid createPixiiClient options: apiKey: expected a non-empty string, got undefined')
    expect(refusal({ baseUrl: 'https://shop.example:8443/pixii' }, page).field).to.equal('apiKey')
    expect(refusal({ baseUrl: '//elsewhere.example/pixii' }, page).message).to.contain('baseUrl: expected an absolute URL')
  })

  it('refuses a path where there is no origin to resolve it against', () => {
    expect(refusal({ baseUrl: '/pixii' }, filePage).message).to.equal(
      'Invalid createPixiiClient options: baseUrl: expected an absolute URL, got "/pixii" (a path means the page\'s origin: only in a page with an http(s) origin); ' +
        'apiKey: expected a non-empty string, got undefined',
    )
  })
})

describe('createPixiiClient outside a browser', () => {
  it('still requires a key against an absolute URL', () => {
    expect(refusal({ baseUrl: 'https://api.pixii.ai' }, node).field).to.equal('apiKey')
    expect(refusal({}, node).field).to.equal('apiKey')
  })

  it('makes a page’s client (a path, no key) without error, and marks it unusable, saying why', () => {
    const why = 'No request from here: baseUrl: got "/pixii", a path: the page\'s origin, but this client was made outside a browser (server-side rendering?)'
    expect(normalizeOptions({ baseUrl: '/pixii' }, node).unusable?.message).to.equal(why)
    // With a key it is no page's client: a path is refused at once, as before.
    expect(refusal({ apiKey: 'pk_test_abc', baseUrl: '/pixii' }, node).message).to.equal(
      'Invalid createPixiiClient options: baseUrl: expected an absolute URL, got "/pixii" (a path means the page\'s origin: only in a browser)',
    )
    expect(normalizeOptions({ baseUrl: '/pixii' }, page).unusable).to.equal(undefined)
    // Other options are wrong everywhere: they still throw at creation.
    expect(refusal({ baseUrl: '/pixii', maxInFlight: 0 }, node).field).to.equal('maxInFlight')
  })

  it('accepts a live key, and the browser opt-in as a no-op', () => {
    expect(normalizeOptions({ apiKey: 'pk_live_abc' }, node).keyKind).to.equal('live')
    expect(normalizeOptions({ apiKey: 'pk_live_abc', dangerouslyAllowLiveKeyInBrowser: false }, node).keyKind).to.equal('live')
  })

  it('is what the default runtime detects under Node', () => {
    expect(detectRuntime()).to.deep.equal({ browser: false })
    expect(normalizeOptions({ baseUrl: '/pixii' }, detectRuntime()).unusable?.field).to.equal('baseUrl')
  })
})

describe('detectRuntime', () => {
  it('tells pages and workers from servers, and keeps only http(s) origins', () => {
    expect(detectRuntime({ document: {}, location: { origin: 'https://a.example' } })).to.deep.equal({ browser: true, origin: 'https://a.example' })
    expect(detectRuntime({ document: {}, location: { origin: 'null' } })).to.deep.equal({ browser: true })
    class WorkerGlobalScope {}
    const worker = Object.assign(new WorkerGlobalScope(), { WorkerGlobalScope, location: { origin: 'https://w.example' } })
    expect(detectRuntime(worker)).to.deep.equal({ browser: true, origin: 'https://w.example' })
    expect(detectRuntime({ location: { origin: 'https://deno.example' } })).to.deep.equal({ browser: false })
  })
})
