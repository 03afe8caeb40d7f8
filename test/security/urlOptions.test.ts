// A key put inside a URL option (user-info, query, fragment, or text that does not parse) must
// not come back in the message that refuses the option: not from createPixiiClient, not from
// the default client read from PIXII_BASE_URL, not from the CLI, not from the proxy.
import { expect } from 'chai'
import { asyncScheduler } from 'rxjs'
import { runCli } from '../../src/cli/runCli.js'
import { createPixiiClient, defaultPixiiClient, ValidationError } from '../../src/index.js'
import { createPixiiProxy } from '../../src/proxy/index.js'

const liveKey = 'pk_live_Z9secretZ9secretZ9'
// A secret that does not look like a Pixii key: only its position says it is one.
const plainSecret = 'hunter2Plain0Secret'

const urlsHoldingSecrets: readonly string[] = [
  `https://${liveKey}@api.pixii.ai`,
  `https://user:${plainSecret}@api.pixii.ai`,
  `https://api.pixii.ai/?api_key=${plainSecret}`,
  `https://api.pixii.ai/v1?key=${liveKey}`,
  `https://api.pixii.ai/#${plainSecret}`,
  `http://api.pixii.ai/?token=${plainSecret}`,
  `not a url ${liveKey}`,
  `https://user:${plainSecret}@[::1`,
  `api.pixii.ai?key=${plainSecret}`,
]

function expectNoSecret(text: string): void {
  expect(text).not.to.contain(liveKey)
  expect(text).not.to.contain(plainSecret)
  expect(text).not.to.contain('Z9secret')
}

function refusal(run: () => unknown): ValidationError {
  try {
    run()
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error('expected the option to be refused')
}

describe('a key inside a URL option is never quoted back', () => {
  for (const baseUrl of urlsHoldingSecrets) {
    it(`createPixiiClient refuses baseUrl ${JSON.stringify(baseUrl.replace(/Z9secret|Plain0Secret/g, '…'))} without quoting the secret`, () => {
      const error = refusal(() => createPixiiClient({ apiKey: 'pk_test_abc', baseUrl }))
      expect(error.issues.map((issue) => issue.path)).to.include('baseUrl')
      expectNoSecret(error.message)
      expectNoSecret(JSON.stringify(error))
      expect(error.message).to.match(/baseUrl: expected/)
    })
  }

  it('names the parts it hides, and still shows the host and path', () => {
    const error = refusal(() => createPixiiClient({ apiKey: 'pk_test_abc', baseUrl: `https://user:${plainSecret}@api.pixii.ai/v1?api_key=x` }))
    expect(error.message).to.contain('"https://api.pixii.ai/v1" (its user-info and query are not shown)')
  })

  it('the configured key is scrubbed from a quoted URL even where it is not key-shaped', () => {
    const apiKey = 'pk_test_abc'
    const error = refusal(() => createPixiiClient({ apiKey, baseUrl: 'ftp://pk_test_abc.example/' }))
    expect(error.message).not.to.contain('pk_test_abc')
  })

  it('the default client read from PIXII_BASE_URL refuses it without quoting the secret', () => {
    const saved = { key: process.env['PIXII_API_KEY'], url: process.env['PIXII_BASE_URL'] }
    try {
      process.env['PIXII_API_KEY'] = 'pk_test_abc'
      for (const url of urlsHoldingSecrets) {
        process.env['PIXII_BASE_URL'] = url
        expectNoSecret(refusal(() => defaultPixiiClient()).message)
      }
    } finally {
      for (const [name, value] of [['PIXII_API_KEY', saved.key], ['PIXII_BASE_URL', saved.url]] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('the CLI refuses PIXII_BASE_URL without printing the secret, and exits with a usage code', async () => {
    for (const url of urlsHoldingSecrets) {
      let out = ''
      const sink = { write: (chunk: string) => ((out += chunk), true), isTTY: false, columns: 80 }
      const io = {
        stdout: sink,
        stderr: sink,
        env: { PIXII_API_KEY: 'pk_test_abc', PIXII_BASE_URL: url },
        scheduler: asyncScheduler,
        stop: new AbortController().signal,
      }
      const code = await runCli(['watch', 'job_1'], io)
      expect(code, out).not.to.equal(0)
      expect(out).to.contain('baseUrl')
      expectNoSecret(out)
    }
  })

  it('the proxy refuses an upstream holding a secret without quoting it', () => {
    for (const upstream of urlsHoldingSecrets) {
      const error = refusal(() => createPixiiProxy({ apiKey: 'pk_test_abc', allow: ['getJob'], upstream }))
      expect(error.message).to.contain('upstream')
      expectNoSecret(error.message)
    }
  })
})
