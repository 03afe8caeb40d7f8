import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

const shaOf = new Map<string, string>()

/**
 * Runs a Lua script by its SHA1, and by its text when Redis does not know it (a fresh or
 * restarted server has an empty script cache: NOSCRIPT).
 */
export async function runScript(client: Redis, script: string, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
  let sha = shaOf.get(script)
  if (sha === undefined) {
    sha = createHash('sha1').update(script).digest('hex')
    shaOf.set(script, sha)
  }
  try {
    return await client.evalsha(sha, keys.length, ...keys, ...args)
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error
    return await client.eval(script, keys.length, ...keys, ...args)
  }
}
