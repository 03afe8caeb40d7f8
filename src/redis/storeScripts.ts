// Row leases of a shared catalogue: `KEYS[1]` holds the id of the worker working the row, and
// lapses after `ARGV[2]` ms unless that worker renews it. Atomic, so two workers never both hold a row.

/** Takes or renews the lease for worker `ARGV[1]`: 1, or 0 and the ms left when another holds it. */
export const claimScript = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return { 1, 0 }
end
return { 0, redis.call('PTTL', KEYS[1]) }
`

/** Gives the lease back, if worker `ARGV[1]` still holds it, and tells the waiters on channel `ARGV[2]`. */
export const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], ARGV[3])
end
return 0
`
