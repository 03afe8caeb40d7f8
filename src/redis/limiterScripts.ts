// The organisation's limiter lives in Redis as a few keys under one prefix (a hash tag, so that a
// cluster keeps them on one node), read and written only by these Lua scripts. A script runs
// atomically: two workers can never both take the last token of a window, and a correction from
// headers or a 429 is applied to the one shared state, whoever saw it.
//
//   {p}:minute, {p}:day   sorted sets of tokens spent, scored by when each comes back (ms)
//   {p}:minute:phantom, {p}:day:phantom   the subset spent by someone we never saw (headers said so)
//   {p}:held              tokens out with a submission in flight, scored by when their lease lapses
//                         (then they count as spent: the server may have counted them)
//   {p}:meta              hash: pausedUntil, serverLimit:minute, serverLimit:day, phantomSeq
//
// Times come from the caller's scheduler, so that scaled and virtual clocks work. Every script
// answers with the state it leaves, as integers (-1 for "none"), in the order of `STATE_FIELDS`.

/** The fields of a state answer, in order. */
export const STATE_FIELDS = [
  'granted',
  'now',
  'minuteLimit',
  'minuteLeft',
  'minuteNextRefillAt',
  'dayLimit',
  'dayLeft',
  'dayNextRefillAt',
  'pausedUntil',
  'nextSubmissionAt',
  'held',
  'nextLeaseEndAt',
] as const

// ARGV[1..6] of every script: now, minuteLimit, dayLimit, minuteMs, dayMs, channel.
const common = `
local now = tonumber(ARGV[1])
local configured = { minute = tonumber(ARGV[2]), day = tonumber(ARGV[3]) }
local period = { minute = tonumber(ARGV[4]), day = tonumber(ARGV[5]) }
local channel = ARGV[6]
local spentKey = { minute = KEYS[1], day = KEYS[2] }
local phantomKey = { minute = KEYS[3], day = KEYS[4] }
local heldKey, metaKey = KEYS[5], KEYS[6]

-- A token whose lease lapsed belonged to a worker that died or lost Redis between its POST and
-- the answer: the server may have counted it, so it is spent from when its lease ended.
local lapsed = redis.call('ZRANGEBYSCORE', heldKey, '-inf', now, 'WITHSCORES')
for i = 1, #lapsed, 2 do
  for _, w in ipairs({ 'minute', 'day' }) do redis.call('ZADD', spentKey[w], tonumber(lapsed[i + 1]) + period[w], lapsed[i]) end
end
for _, key in ipairs({ KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5] }) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
end

local function limitOf(w)
  local server = tonumber(redis.call('HGET', metaKey, 'serverLimit:' .. w) or '')
  if server ~= nil and server < configured[w] then return server end
  return configured[w]
end

local function firstScore(key)
  local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if first[2] == nil then return -1 end
  return tonumber(first[2])
end

-- Tokens left in window w, and when one will be (-1: when answers in flight settle).
local function view(w, held)
  local used = redis.call('ZCARD', spentKey[w])
  local left = limitOf(w) - held - used
  if left >= 1 then return left, now end
  local needed = 1 - left
  if needed > used then return left, -1 end
  local entry = redis.call('ZRANGE', spentKey[w], needed - 1, needed - 1, 'WITHSCORES')
  return left, tonumber(entry[2])
end

local function pausedUntil()
  local until_ = tonumber(redis.call('HGET', metaKey, 'pausedUntil') or '')
  if until_ ~= nil and until_ > now then return until_ end
  return -1
end

local function state(granted)
  local held = redis.call('ZCARD', heldKey)
  local minuteLeft, minuteReady = view('minute', held)
  local dayLeft, dayReady = view('day', held)
  local paused = pausedUntil()
  local ready = math.max(now, paused)
  if minuteReady == -1 or dayReady == -1 then ready = -1 else ready = math.max(ready, minuteReady, dayReady) end
  return { granted, now, limitOf('minute'), math.max(0, minuteLeft), firstScore(spentKey.minute), limitOf('day'),
    math.max(0, dayLeft), firstScore(spentKey.day), paused, ready, held, firstScore(heldKey) }
end

-- Nothing is kept longer than a day's window and a lease after the last write.
local function touched(extraMs)
  local ttl = period.day + extraMs
  for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ttl) end
  redis.call('PUBLISH', channel, now)
end
`

/**
 * Takes a token for `ARGV[7]` (a unique id) if every window has one and no pause runs, holding it
 * for at most `ARGV[8]` ms; answers the state, `granted` 1 or 0. Taking the same id twice (a
 * command resent after a reconnect) takes one token.
 */
export const reserveScript = `${common}
local id, holdMs = ARGV[7], tonumber(ARGV[8])
if redis.call('ZSCORE', heldKey, id) then return state(1) end
local before = state(0)
if before[10] ~= now then return before end
redis.call('ZADD', heldKey, now + holdMs, id)
touched(holdMs)
return state(1)
`

/**
 * Settles token `ARGV[7]`: `ARGV[8]` is `spent`, `returned` or `rateLimited`; `ARGV[9]` the
 * pause of a 429 (ms); `ARGV[10..13]` the server's limit and remaining per minute and per day
 * ('' when absent). Settling twice changes nothing more.
 */
export const settleScript = `${common}
local id, verdict, pauseMs = ARGV[7], ARGV[8], tonumber(ARGV[9])
local headers = { minute = { tonumber(ARGV[10]), tonumber(ARGV[11]) }, day = { tonumber(ARGV[12]), tonumber(ARGV[13]) } }
redis.call('ZREM', heldKey, id)
if verdict == 'spent' then
  for _, w in ipairs({ 'minute', 'day' }) do redis.call('ZADD', spentKey[w], now + period[w], id) end
  local held = redis.call('ZCARD', heldKey)
  for _, w in ipairs({ 'minute', 'day' }) do
    local serverLimit, remaining = headers[w][1], headers[w][2]
    -- A server limit below 1 would stop every submission for good: it is ignored.
    if serverLimit ~= nil and serverLimit >= 1 then redis.call('HSET', metaKey, 'serverLimit:' .. w, serverLimit) end
    if remaining ~= nil then
      local limit = limitOf(w)
      local phantoms = redis.call('ZCARD', phantomKey[w])
      local ours = redis.call('ZCARD', spentKey[w]) - phantoms
      -- What others must have spent at least (every token in flight already counted) and at most.
      local atLeast = math.max(0, limit - ours - remaining - held)
      local atMost = math.max(0, limit - ours - remaining)
      for _ = phantoms + 1, atLeast do
        local phantom = 'phantom:' .. redis.call('HINCRBY', metaKey, 'phantomSeq', 1)
        redis.call('ZADD', spentKey[w], now + period[w], phantom)
        redis.call('ZADD', phantomKey[w], now + period[w], phantom)
      end
      if phantoms > atMost then
        for _, phantom in ipairs(redis.call('ZRANGE', phantomKey[w], 0, phantoms - atMost - 1, 'REV')) do
          redis.call('ZREM', spentKey[w], phantom)
          redis.call('ZREM', phantomKey[w], phantom)
        end
      end
    end
  end
elseif verdict == 'rateLimited' then
  local until_ = now + pauseMs
  local current = tonumber(redis.call('HGET', metaKey, 'pausedUntil') or '')
  if current == nil or current < until_ then redis.call('HSET', metaKey, 'pausedUntil', until_) end
end
touched(0)
return state(0)
`

/** Answers the state, changing nothing but what time expired. */
export const stateScript = `${common}
return state(0)
`
