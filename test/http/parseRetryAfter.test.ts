import { expect } from 'chai'
import { parseRetryAfter } from '../../src/advanced/index.js'

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z')

  it('reads delay seconds', () => {
    expect(parseRetryAfter('0', now)).to.equal(0)
    expect(parseRetryAfter('7', now)).to.equal(7000)
    expect(parseRetryAfter(' 120 ', now)).to.equal(120_000)
    expect(parseRetryAfter('1.5', now)).to.equal(1500)
  })

  it('reads an HTTP date, relative to now, never negative', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:45 GMT', now)).to.equal(45_000)
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).to.equal(0)
  })

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).to.equal(undefined)
    expect(parseRetryAfter('', now)).to.equal(undefined)
    expect(parseRetryAfter('-5', now)).to.equal(undefined)
    expect(parseRetryAfter('soon', now)).to.equal(undefined)
  })
})
