import { expect } from 'chai'
import { inspect } from 'node:util'
import { errorFromResponse } from '../../src/http/errorFromResponse.js'

// Found by test/property/responseBodies.test.ts: the server's `code` went into `context.serverCode`
// and a `detail` naming a "field" into `issues[].path` without redaction.
describe('an error body that echoes the key does not carry it into the error', () => {
  const key = 'sk-marked-key-of-any-shape-42'
  for (const status of [400, 422, 500, 429]) {
    it(`${status}: code, message and detail all redacted, in context and issues too`, () => {
      const error = errorFromResponse({
        status,
        headers: new Headers(),
        body: { code: `BAD_${key}`, message: `your key ${key} is wrong`, detail: [key, { loc: ['body', key], msg: key }] },
        context: { method: 'POST', path: '/v1/api/scale' },
        nowMs: 0,
        secrets: [key],
      })
      for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) expect(text).not.to.contain(key)
      expect(error.context.serverCode).to.equal('BAD_[redacted]')
    })
  }
})
