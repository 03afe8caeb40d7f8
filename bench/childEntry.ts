import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where a benchmark's child-process script is, beside the calling module: the compiled `.js`
 * when the benchmarks run compiled (`npm run bench`), or the `.ts` through tsx when they are run
 * from source.
 */
export function childEntry(name: string, callerUrl: string, execArgv: readonly string[] = []): { path: string; execArgv: string[] } {
  const caller = fileURLToPath(callerUrl)
  const extension = extname(caller)
  return {
    path: join(dirname(caller), `${name}${extension}`),
    execArgv: [...execArgv, ...(extension === '.ts' ? ['--import', 'tsx'] : [])],
  }
}
