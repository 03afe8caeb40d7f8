/**
 * `pixii-rx/redis`: one submission limiter for an organisation, shared through Redis by every
 * worker on every machine, and a catalogue store that several workers run together. Node only; it loads the `ioredis` client, a peer dependency that
 * `pixii-rx` itself never loads. This file only re-exports.
 *
 * @example
 * ```ts
 * import { createRedisLimiter } from 'pixii-rx/redis'
 * ```
 * @module pixii-rx/redis
 */
export { createRedisLimiter } from './createRedisLimiter.js'
export type { RedisLimiterOptions } from './RedisLimiterOptions.js'
export type { RedisConnection, RedisLimiterState } from './RedisLimiterState.js'
export type { RedisSubmissionLimiter } from './RedisSubmissionLimiter.js'
export { createRedisStore } from './createRedisStore.js'
export type { RedisStoreOptions } from './RedisStoreOptions.js'
