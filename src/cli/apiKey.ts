import { readFile } from 'node:fs/promises'
import { ValidationError } from '../errors/ValidationError.js'
import type { CliIo } from './CliIo.js'

/** Where the key may come from on the command line. */
export interface ApiKeyFlags {
  /** `--api-key`: visible to every user in `ps` and kept in shell history. */
  readonly apiKey?: string
  /** `--api-key-file <path>`: the first line of a file. */
  readonly apiKeyFile?: string
  /** `--api-key-stdin`: the first line of standard input (a pipe or a file, not a terminal). */
  readonly apiKeyStdin?: boolean
}

// A key is a short line; more than this on stdin is not a key, and is not read to its end.
const maxKeyInput = 64 * 1024

const refuse = (message: string, path = 'api-key'): ValidationError =>
  new ValidationError({ message, source: 'client', issues: [{ path, message }] })

const firstLine = (text: string): string => text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? ''

async function fromStdin(io: Pick<CliIo, 'stdin'>): Promise<string> {
  if (io.stdin === undefined) throw refuse('--api-key-stdin: this command has no standard input to read', 'api-key-stdin')
  if (io.stdin.isTTY === true) {
    throw refuse('--api-key-stdin reads a pipe or a file (pixii-rx … --api-key-stdin < key.txt), not a terminal, where the key would show as it is typed', 'api-key-stdin')
  }
  let text = ''
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    if (text.includes('\n') && firstLine(text) !== '') break
    if (text.length > maxKeyInput) break
  }
  const key = firstLine(text)
  if (key === '') throw refuse('--api-key-stdin: standard input held no API key', 'api-key-stdin')
  return key
}

async function fromFile(path: string): Promise<string> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'unreadable')
    throw refuse(`--api-key-file: cannot read ${path} (${why})`, 'api-key-file')
  }
  const key = firstLine(text)
  if (key === '') throw refuse(`--api-key-file: ${path} is empty`, 'api-key-file')
  return key
}

/**
 * The API key: from `--api-key-stdin`, `--api-key-file` or `--api-key` (at most one of them),
 * else `PIXII_API_KEY`; `undefined` when there is none. The first non-blank line counts, trimmed.
 * A file that is missing or empty, an empty stdin, or stdin on a terminal are usage errors that
 * name the flag and never show what was read.
 *
 * @example
 * ```ts
 * import { Readable } from 'node:stream'
 * import { resolveApiKey } from './apiKey.js'
 * console.log(await resolveApiKey({ apiKeyStdin: true }, { env: {}, stdin: Readable.from(['pk_test_fromPipe\n']) }))
 * console.log(await resolveApiKey({}, { env: { PIXII_API_KEY: 'pk_test_fromEnv' } }))
 * await resolveApiKey({ apiKeyFile: '/nowhere/key.txt' }, { env: {} }).catch((error: Error) => console.log(error.message))
 * // Output: pk_test_fromPipe
 * // Output: pk_test_fromEnv
 * // Output: --api-key-file: cannot read /nowhere/key.txt (no such file)
 * ```
 */
export async function resolveApiKey(flags: ApiKeyFlags, io: Pick<CliIo, 'env' | 'stdin'>): Promise<string | undefined> {
  const given = [flags.apiKey !== undefined && '--api-key', flags.apiKeyFile !== undefined && '--api-key-file', flags.apiKeyStdin === true && '--api-key-stdin'].filter(
    (flag): flag is string => flag !== false,
  )
  if (given.length > 1) throw refuse(`pass the key one way only, not ${given.join(' and ')}`)
  if (flags.apiKeyStdin === true) return fromStdin(io)
  if (flags.apiKeyFile !== undefined) return fromFile(flags.apiKeyFile)
  if (flags.apiKey !== undefined) {
    if (flags.apiKey.trim() === '') throw refuse('--api-key is empty')
    return flags.apiKey.trim()
  }
  return io.env['PIXII_API_KEY'] || undefined
}
