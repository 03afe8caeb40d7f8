import { expect } from 'chai'
import { lastValueFrom } from 'rxjs'
import { inspect } from 'node:util'
import { createPixiiClient, isPixiiError } from '../../src/index.js'
import type { FetchLike } from '../../src/advanced/index.js'
import { createSimulator } from '../../src/testing/index.js'

// A 2xx body that echoes the key in a field that does not decode: the DecodeError shows what
// came, so it must redact the configured key whatever its shape, and a `pk_` key glued to a
// word character.
describe('a body that does not decode and echoes the key does not carry it into the DecodeError', () => {
  const shapeless = 'sk-marked-key-of-any-shape-42'
  const glued = 'X_pk_live_gluedKey123'

  async function decodeErrorFor(apiKey: string, echoed: string): Promise<unknown> {
    const sim = createSimulator()
    const id = sim.createJob({ key: sim.testKey })
    // The simulator answers the job; the status is then replaced by the echoed text, as a server
    // that reflects its input might.
    const echoing: FetchLike = async (url, init) => {
      const answer = await sim.fetch(url, { ...init, headers: { ...init?.headers, authorization: `Bearer ${sim.testKey}` } })
      const job = (await answer.json()) as Record<string, unknown>
      return new Response(JSON.stringify({ ...job, status: echoed, output: { ads: [{ preview_url: echoed }] } }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }
    const client = createPixiiClient({ apiKey, baseUrl: 'https://api.pixii.ai', fetch: echoing })
    return lastValueFrom(client.getJob$(id)).then(
      () => expect.fail('the job decoded'),
      (error: unknown) => error,
    )
  }

  for (const [name, apiKey, echoed] of [
    ['the configured key of no known shape', shapeless, `status ${shapeless}`],
    ['a pk_ key glued to a word character', 'pk_test_configured', `${glued}`],
  ] as const) {
    it(`redacts ${name} in message, issues, JSON and inspect`, async () => {
      const error = await decodeErrorFor(apiKey, echoed)
      expect(isPixiiError(error, 'Decode'), String(error)).to.equal(true)
      const secret = echoed.includes(shapeless) ? shapeless : 'gluedKey123'
      for (const text of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
        expect(text).not.to.contain(secret)
      }
      expect((error as Error).message).to.contain('[redacted]')
    })
  }
})
