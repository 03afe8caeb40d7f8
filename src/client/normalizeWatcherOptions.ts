import { asyncScheduler } from 'rxjs'
import { browserTarget } from '../browser/browserTarget.js'
import { browserPage } from '../browser/browserPage.js'
import type { Runtime } from '../browser/detectRuntime.js'
import { invalidInput } from '../errors/invalidInput.js'
import { checkBoolean, checkCallable, checkDeadline, checkPositive } from '../errors/optionChecks.js'
import type { ValidationIssue } from '../errors/ValidationError.js'
import { keyKindOf } from '../http/KeyKind.js'
import { createRequestGate, type RequestGate } from '../http/RequestGate.js'
import { defaultFetch } from '../http/defaultFetch.js'
import { isLoopbackHost } from '../http/isLoopbackHost.js'
import { shownUrlOption } from '../internal/shownUrlOption.js'
import { adaptiveSchedule } from '../schedules/adaptiveSchedule.js'
import { checkRetryPolicy, defaultRetryPolicy } from '../schedules/RetryPolicy.js'
import type { WatchDefaults } from '../watch/WatchDefaults.js'
import { defaults } from './defaults.js'
import type { JobWatcherOptions } from './JobWatcherOptions.js'

/** What watching needs of a client's options, checked and completed: the transport, its gate, the watch defaults. */
export interface WatcherSettings extends WatchDefaults {
  readonly gate: RequestGate
}

/** The options of `createJobWatcher`; `createPixiiClient` takes these and its submission options. */
export const watcherOptionNames: readonly string[] = [
  'apiKey', 'baseUrl', 'fetch', 'scheduler', 'requestTimeoutMs', 'maxBodyBytes', 'maxInFlight', 'schedule', 'retry', 'onPoll', 'random',
  'watchTimeoutMs', 'page', 'pauseWhenHidden', 'serverPush', 'dangerouslyAllowLiveKeyInBrowser',
]

function checkApiKey(apiKey: unknown, issues: ValidationIssue[]): void {
  // The key itself never appears in a message, only its shape.
  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    issues.push({ path: 'apiKey', message: `expected a non-empty string, got ${apiKey === '' ? 'an empty string' : typeof apiKey}` })
  } else if (/[\s\u0000-\u001f\u007f]/u.test(apiKey) || apiKey.length > 256) {
    issues.push({ path: 'apiKey', message: `expected a key of at most 256 characters without spaces, got ${apiKey.length} characters` })
  }
}

// `pagesOwnOrigin`: a browser page talking to its own server without a key; plain http there is
// the page's own choice, and no key travels.
// The URL is quoted without its user-info and query, where keys hide (see shownUrlOption).
function checkBaseUrl(baseUrl: unknown, issues: ValidationIssue[], pagesOwnOrigin = false, secrets: readonly string[] = []): string {
  const refuse = (why: string): string => {
    issues.push({ path: 'baseUrl', message: `${why}, got ${shownUrlOption(baseUrl, secrets)}` })
    return defaults.baseUrl
  }
  if (typeof baseUrl !== 'string' || !URL.canParse(baseUrl)) return refuse('expected an absolute URL')
  const url = new URL(baseUrl)
  if (url.username !== '' || url.password !== '') return refuse('expected a URL without credentials')
  if (url.search !== '' || url.hash !== '') return refuse('expected a URL without query or fragment')
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !pagesOwnOrigin) {
    return refuse('expected https (plain http only to a loopback host)')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('expected an https URL')
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/**
 * Checks and completes a client's options against one defaults object: the ones that watching
 * reads here, then the caller's own with `checkMore`. Every problem found is thrown at once, as a
 * `ValidationError` naming each option (`caller` names the function in the message; an option
 * neither here nor in `moreOptions` is not an option of it). `runtime` says whether this is a
 * browser (see `browserTarget` for the rules there).
 */
export function normalizeWatcherOptions<More extends object>(
  options: JobWatcherOptions,
  caller: string,
  runtime: Runtime,
  moreOptions: readonly string[] = [],
  checkMore: (given: Readonly<Record<string, unknown>>, issues: ValidationIssue[]) => More = () => ({}) as More,
): WatcherSettings & More {
  const issues: ValidationIssue[] = []
  const given = (typeof options === 'object' && options !== null ? options : {}) as Partial<JobWatcherOptions>
  for (const name of Object.keys(given)) {
    if (!watcherOptionNames.includes(name) && !moreOptions.includes(name)) issues.push({ path: name, message: `is not an option of ${caller}` })
  }
  const target = browserTarget({ ...given, baseUrl: given.baseUrl ?? defaults.baseUrl }, runtime, issues)
  if (given.apiKey !== undefined || target.apiKeyRequired) checkApiKey(given.apiKey, issues)
  const secrets = typeof given.apiKey === 'string' ? [given.apiKey] : []
  const baseUrl = checkBaseUrl(target.baseUrl, issues, target.sameOrigin && given.apiKey === undefined, secrets)
  const requestTimeoutMs = given.requestTimeoutMs ?? defaults.requestTimeoutMs
  const maxBodyBytes = given.maxBodyBytes ?? defaults.maxBodyBytes
  checkPositive('requestTimeoutMs', requestTimeoutMs, false, issues)
  checkPositive('maxBodyBytes', maxBodyBytes, true, issues)
  const maxInFlight = given.maxInFlight ?? defaults.maxInFlight
  checkPositive('maxInFlight', maxInFlight, true, issues)
  checkCallable(given.fetch, 'fetch', undefined, issues)
  checkCallable(given.scheduler, 'scheduler', 'schedule', issues)
  checkCallable(given.schedule, 'schedule', 'nextDelayMs', issues)
  checkCallable(given.onPoll, 'onPoll', undefined, issues)
  checkCallable(given.random, 'random', undefined, issues)
  checkCallable(given.page, 'page', 'listen', issues)
  checkBoolean('pauseWhenHidden', given.pauseWhenHidden, issues)
  checkCallable(given.serverPush, 'serverPush', undefined, issues)
  const retry = checkRetryPolicy(given.retry, defaultRetryPolicy, 'retry', issues)
  const watchTimeoutMs = given.watchTimeoutMs ?? defaults.watchTimeoutMs
  checkDeadline('watchTimeoutMs', watchTimeoutMs, issues)
  const more = checkMore(given, issues)
  if (issues.length > 0) {
    throw invalidInput(`Invalid ${caller} options`, issues)
  }
  const apiKey = given.apiKey === undefined ? undefined : String(given.apiKey)
  const schedule = given.schedule ?? adaptiveSchedule()
  // The client's schedule estimates Pixii's clock from every answer; the transport reads Retry-After dates with it.
  const clockOffsetOf = typeof schedule.clockOffsetMs === 'function' ? () => schedule.clockOffsetMs?.() ?? 0 : undefined
  return {
    ...(apiKey === undefined ? {} : { apiKey }),
    baseUrl,
    fetch: given.fetch ?? defaultFetch,
    scheduler: given.scheduler ?? asyncScheduler,
    ...(clockOffsetOf === undefined ? {} : { serverClockOffsetMs: clockOffsetOf }),
    requestTimeoutMs,
    maxBodyBytes,
    gate: createRequestGate(maxInFlight, given.scheduler ?? asyncScheduler),
    ...(target.offPage === undefined ? {} : { unusable: invalidInput('No request from here', [{ path: 'baseUrl', message: target.offPage }]) }),
    keyKind: keyKindOf(apiKey),
    schedule,
    retry,
    random: given.random ?? Math.random,
    watchTimeoutMs,
    page: given.page ?? browserPage,
    pauseWhenHidden: given.pauseWhenHidden ?? true,
    ...(given.serverPush === undefined ? {} : { serverPush: given.serverPush }),
    ...more,
    ...(given.onPoll === undefined ? {} : { onPoll: given.onPoll }),
  }
}
