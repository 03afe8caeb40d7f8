import { expect } from 'chai'
import { createPixiiClient, isPixiiError, type PixiiClientOptions } from '../../src/index.js'
import { normalizeOptions } from '../../src/client/normalizeOptions.js'

function refusal(options: unknown): string {
  try {
    normalizeOptions(options as PixiiClientOptions)
  } catch (error) {
    if (isPixiiError(error, 'Validation')) return error.message
    throw error
  }
  throw new Error('expected the options to be refused')
}

describe('createPixiiClient options', () => {
  it('fills the defaults', () => {
    const settings = normalizeOptions({ apiKey: 'pk_live_abc' })
    expect(settings).to.include({ baseUrl: 'https://api.pixii.ai', requestTimeoutMs: 30_000, maxBodyBytes: 10_485_760, keyKind: 'live' })
    expect(normalizeOptions({ apiKey: 'pk_test_abc' }).keyKind).to.equal('test')
    expect(normalizeOptions({ apiKey: 'abc' }).keyKind).to.equal('unknown')
  })

  it('keeps a base path and drops trailing slashes', () => {
    expect(normalizeOptions({ apiKey: 'k', baseUrl: 'https://proxy.example/pixii/' }).baseUrl).to.equal('https://proxy.example/pixii')
  })

  it('allows plain http only to loopback hosts', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000', 'http://127.5.0.1']) {
      expect(normalizeOptions({ apiKey: 'k', baseUrl: url }).baseUrl).to.equal(url)
    }
    expect(refusal({ apiKey: 'k', baseUrl: 'http://api.pixii.ai' })).to.equal(
      'Invalid createPixiiClient options: baseUrl: expected https (plain http only to a loopback host), got "http://api.pixii.ai"',
    )
    expect(refusal({ apiKey: 'k', baseUrl: 'http://127.0.0.1.evil.example' })).to.contain('baseUrl: expected https')
  })

  it('refuses credentials, queries, relative URLs and other protocols in baseUrl', () => {
    expect(refusal({ apiKey: 'k', baseUrl: 'https://u:p@api.pixii.ai' })).to.contain('baseUrl: expected a URL without credentials')
    expect(refusal({ apiKey: 'k', baseUrl: 'https://api.pixii.ai?x=1' })).to.contain('baseUrl: expected a URL without query')
    expect(refusal({ apiKey: 'k', baseUrl: '/api' })).to.contain('baseUrl: expected an absolute URL, got "/api"')
    expect(refusal({ apiKey: 'k', baseUrl: 'ftp://api.pixii.ai' })).to.contain('baseUrl: expected an https URL')
  })

  it('names each bad option, and never prints the key', () => {
    const message = refusal({ apiKey: 'pk_live_has space', requestTimeoutMs: -1, maxBodyBytes: 1.5, baseURL: 'x' })
    expect(message).to.equal(
      'Invalid createPixiiClient options: baseURL: is not an option of createPixiiClient; ' +
        'apiKey: expected a key of at most 256 characters without spaces, got 17 characters; ' +
        'requestTimeoutMs: expected a positive number, got -1; maxBodyBytes: expected a positive integer, got 1.5',
    )
    expect(refusal({})).to.contain('apiKey: expected a non-empty string, got undefined')
    expect(refusal({ apiKey: '' })).to.contain('apiKey: expected a non-empty string, got an empty string')
  })

  it('is what createPixiiClient applies', () => {
    expect(() => createPixiiClient({ apiKey: 'k', fetch: 5 as never })).to.throw('fetch: expected a function')
    expect(createPixiiClient({ apiKey: 'pk_test_x' }).keyKind).to.equal('test')
  })
})
