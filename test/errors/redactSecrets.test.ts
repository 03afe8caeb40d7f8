import { expect } from 'chai'
import { redactSecrets } from '../../src/internal/redactSecrets.js'

describe('redactSecrets', () => {
  it('removes keys, bearer tokens and signing parameters', () => {
    expect(redactSecrets('key pk_live_AbC123_x-y used')).to.equal('key pk_[redacted] used')
    expect(redactSecrets('Authorization: Bearer abc.def')).to.equal('Authorization: Bearer [redacted]')
    expect(redactSecrets('https://img/a.png?expires=123&signature=deadbeef#x')).to.equal(
      'https://img/a.png?expires=[redacted]&signature=[redacted]#x',
    )
    expect(redactSecrets('https://s3/a?X-Amz-Signature=abc&X-Amz-Credential=k&v=1')).to.equal(
      'https://s3/a?X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]&v=1',
    )
  })

  it('removes extra secrets of any shape', () => {
    expect(redactSecrets('the key is s3cr3t!', ['s3cr3t!'])).to.equal('the key is [redacted]')
  })
})
