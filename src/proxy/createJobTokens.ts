import { createHmac, timingSafeEqual } from 'node:crypto'
import { asyncScheduler } from 'rxjs'
import { invalidInput } from '../errors/invalidInput.js'
import { checkCallable, checkPositive } from '../errors/optionChecks.js'
import type { ValidationIssue } from '../errors/ValidationError.js'
import type { JobTokenOptions } from './JobTokenOptions.js'
import type { JobTokenCheck, JobTokenClaims, JobTokens } from './JobTokens.js'

const keyIdForm = /^[\w-]{1,32}$/
// A token is three base64url parts; anything longer than this was not made here.
const maxTokenLength = 2048

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url')

function checkKeys(options: JobTokenOptions, issues: ValidationIssue[]): ReadonlyMap<string, Buffer> {
  const keys = new Map<string, Buffer>()
  const given: unknown = options.keys
  if (typeof given !== 'object' || given === null || Object.keys(given).length === 0) {
    issues.push({ path: 'keys', message: 'expected at least one key, as { keyId: secret }' })
    return keys
  }
  for (const [id, secret] of Object.entries(given as Record<string, unknown>)) {
    const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret instanceof Uint8Array ? Buffer.from(secret) : undefined
    if (!keyIdForm.test(id)) issues.push({ path: 'keys', message: `key id ${JSON.stringify(id.slice(0, 40))} is not 1 to 32 of A-Z a-z 0-9 _ -` })
    // The secret itself never goes into a message, only its size.
    else if (bytes === undefined || bytes.length < 32) issues.push({ path: `keys.${id}`, message: `expected a secret of at least 32 bytes, got ${bytes === undefined ? typeof secret : `${bytes.length} bytes`}` })
    else keys.set(id, bytes)
  }
  return keys
}

/** Reads the payload of a token whose signature held; `undefined` when it is not ours. */
function claimsOf(payload: string, keyId: string): JobTokenClaims | undefined {
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { j?: unknown; e?: unknown; s?: unknown }
    if (typeof value.j !== 'string' || typeof value.e !== 'number' || (value.s !== undefined && typeof value.s !== 'string')) return undefined
    return { jobId: value.j, expiresAt: value.e, keyId, ...(value.s === undefined ? {} : { subject: value.s }) }
  } catch {
    return undefined
  }
}

/**
 * Creates job tokens: `keyId.payload.signature`, base64url, where the payload names one job, an
 * expiry and optionally a subject, and the signature is HMAC-SHA256 over the key id and the
 * payload. Checking compares signatures in constant time, then the expiry on the scheduler's
 * clock, then the job. Give the result to `createPixiiProxy({ jobTokens })`: reads of a job then
 * need a token for it, and accepted submissions come back with one (`X-Pixii-Job-Token`).
 *
 * @param options - The signing keys by id, which one signs, the lifetime and the clock (see {@link JobTokenOptions}).
 * @throws `ValidationError` (source `client`) at once for a missing or short key, a bad key id or lifetime.
 *
 * @example
 * ```ts
 * import { VirtualTimeScheduler } from 'rxjs'
 * import { createJobTokens } from 'pixii-rx/proxy'
 * const scheduler = new VirtualTimeScheduler()
 * const tokens = createJobTokens({ keys: { k1: 'a secret of at least thirty-two characters' }, ttlMs: 60_000, scheduler })
 * const token = tokens.issue('job_1')
 * console.log(token.split('.').length, tokens.verify(token, 'job_1').ok)
 * const [keyId, payload, signature] = token.split('.')
 * const tampered = `${keyId}.${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`
 * console.log(tokens.verify(tampered, 'job_1'))
 * scheduler.schedule(() => undefined, 60_000)
 * scheduler.flush()
 * console.log(tokens.verify(token, 'job_1'))
 * // Output: 3 true
 * // Output: { ok: false, problem: 'bad-signature' }
 * // Output: { ok: false, problem: 'expired' }
 * ```
 */
export function createJobTokens(options: JobTokenOptions): JobTokens {
  const given = (typeof options === 'object' && options !== null ? options : {}) as JobTokenOptions
  const issues: ValidationIssue[] = []
  const keys = checkKeys(given, issues)
  const signWith = given.signWith ?? (keys.size === 1 ? [...keys.keys()][0] : undefined)
  if (given.keys !== undefined && issues.length === 0 && (signWith === undefined || !keys.has(signWith))) {
    issues.push({ path: 'signWith', message: given.signWith === undefined ? 'name the key that signs when there are several' : `names no key of keys` })
  }
  const ttlMs = given.ttlMs ?? 3_600_000
  checkPositive('ttlMs', ttlMs, false, issues)
  checkCallable(given.scheduler, 'scheduler', 'now', issues)
  if (issues.length > 0) throw invalidInput('Invalid createJobTokens options', issues)
  const scheduler = given.scheduler ?? asyncScheduler
  const sign = (keyId: string, payload: string): Buffer => createHmac('sha256', keys.get(keyId) as Buffer).update(`${keyId}.${payload}`).digest()

  return {
    issue(jobId, issueOptions = {}) {
      const { subject } = issueOptions
      const payload = encode(JSON.stringify({ j: jobId, e: scheduler.now() + ttlMs, ...(subject === undefined ? {} : { s: subject }) }))
      return `${signWith as string}.${payload}.${sign(signWith as string, payload).toString('base64url')}`
    },
    verify(token, jobId): JobTokenCheck {
      const parts = typeof token === 'string' && token.length <= maxTokenLength ? token.split('.') : []
      const [keyId = '', payload = '', signature = ''] = parts
      if (parts.length !== 3 || !/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(signature)) return { ok: false, problem: 'malformed' }
      if (!keys.has(keyId)) return { ok: false, problem: 'unknown-key' }
      const expected = sign(keyId, payload)
      const presented = Buffer.from(signature, 'base64url')
      // timingSafeEqual needs equal lengths; a length says nothing about the secret.
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { ok: false, problem: 'bad-signature' }
      const claims = claimsOf(payload, keyId)
      if (claims === undefined) return { ok: false, problem: 'malformed' }
      if (claims.expiresAt <= scheduler.now()) return { ok: false, problem: 'expired' }
      if (claims.jobId !== jobId) return { ok: false, problem: 'other-job' }
      return { ok: true, claims }
    },
  }
}
