import crossFetch from 'cross-fetch'
import { asyncScheduler } from 'rxjs'
import { ValidationError, type ValidationIssue } from '../errors/ValidationError.js'
import type { FetchLike, TransportConfig } from '../http/TransportConfig.js'
import { defaults } from './defaults.js'
import { isLoopbackHost } from './isLoopbackHost.js'
import type { PixiiClientOptions } from './PixiiClientOptions.js'

/** Which pipeline a key runs: live jobs take minutes and spend credits, test jobs neither. */
export type KeyKind = 'live' | 'test' | 'unknown'

/** Normalised client settings: the transport's, plus what the key says. */
export interface ClientSettings extends TransportConfig {
  readonly keyKind: KeyKind
}

const knownOptions: ReadonlySet<string> = new Set(['apiKey', 'baseUrl', 'fetch', 'scheduler', 'requestTimeoutMs', 'maxBodyBytes'])

function checkApiKey(apiKey: unknown, issues: ValidationIssue[]): void {
  // The key itself never appears in a message, only its shape.
  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    issues.push({ path: 'apiKey', message: `expected a non-empty string, got ${apiKey === '' ? 'an empty string' : typeof apiKey}` })
  } else if (/[\s\u0000-\u001f\u007f]/u.test(apiKey) || apiKey.length > 256) {
    issues.push({ path: 'apiKey', message: `expected a key of at most 256 characters without spaces, got ${apiKey.length} characters` })
  }
}

function checkBaseUrl(baseUrl: unknown, issues: ValidationIssue[]): string {
  const refuse = (why: string): string => {
    issues.push({ path: 'baseUrl', message: `${why}, got ${JSON.stringify(String(baseUrl))}` })
    return defaults.baseUrl
  }
  if (typeof baseUrl !== 'string' || !URL.canParse(baseUrl)) return refuse('expected an absolute URL')
  const url = new URL(baseUrl)
  if (url.username !== '' || url.password !== '') return refuse('expected a URL without credentials')
  if (url.search !== '' || url.hash !== '') return refuse('expected a URL without query or fragment')
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refuse('expected https (plain http only to a loopback host)')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('expected an https URL')
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

function checkPositive(name: string, value: unknown, integer: boolean, issues: ValidationIssue[]): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value))
  if (!ok) issues.push({ path: name, message: `expected a positive ${integer ? 'integer' : 'number'}, got ${String(value)}` })
}

/**
 * Checks and completes client options in one place, against one defaults object. A bad option
 * throws a {@link ValidationError} whose message names every offending field.
 */
export function normalizeOptions(options: PixiiClientOptions): ClientSettings {
  const issues: ValidationIssue[] = []
  const given = (typeof options === 'object' && options !== null ? options : {}) as Partial<PixiiClientOptions>
  for (const name of Object.keys(given)) {
    if (!knownOptions.has(name)) issues.push({ path: name, message: 'is not an option of createPixiiClient' })
  }
  checkApiKey(given.apiKey, issues)
  const baseUrl = checkBaseUrl(given.baseUrl ?? defaults.baseUrl, issues)
  const requestTimeoutMs = given.requestTimeoutMs ?? defaults.requestTimeoutMs
  const maxBodyBytes = given.maxBodyBytes ?? defaults.maxBodyBytes
  checkPositive('requestTimeoutMs', requestTimeoutMs, false, issues)
  checkPositive('maxBodyBytes', maxBodyBytes, true, issues)
  if (given.fetch !== undefined && typeof given.fetch !== 'function') issues.push({ path: 'fetch', message: 'expected a function' })
  if (given.scheduler !== undefined && typeof given.scheduler?.schedule !== 'function') {
    issues.push({ path: 'scheduler', message: 'expected an rxjs SchedulerLike' })
  }
  if (issues.length > 0) {
    const message = `Invalid createPixiiClient options: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`
    throw new ValidationError({ message, source: 'client', issues })
  }
  const apiKey = given.apiKey as string
  return {
    apiKey,
    baseUrl,
    fetch: given.fetch ?? (crossFetch as FetchLike),
    scheduler: given.scheduler ?? asyncScheduler,
    requestTimeoutMs,
    maxBodyBytes,
    keyKind: apiKey.startsWith('pk_live_') ? 'live' : apiKey.startsWith('pk_test_') ? 'test' : 'unknown',
  }
}
