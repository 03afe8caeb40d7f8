// The built pixii-rx/react under plain Node (no tsx), by the package's own name:
// - it loads through import and require, and reaches only react and the library's own
//   dependencies; `pixii-rx` itself never loads react (require.cache);
// - server-side rendering: a module-level client made as a page makes it (a path, no key)
//   does not throw on the server, and a component with useJob renders its first snapshot there
//   with react-dom/server, sending nothing.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bareImports } from './bareImports.mjs'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { createPixiiClient } from 'pixii-rx'
import { useJob } from 'pixii-rx/react'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)

try {
  assert.ok(fileURLToPath(import.meta.resolve('pixii-rx/react')).replaceAll('\\', '/').endsWith('dist/esm/react/index.js'))
  assert.ok(require.resolve('pixii-rx/react').replaceAll('\\', '/').endsWith('dist/cjs/react/index.js'))
  assert.equal(typeof require('pixii-rx/react').useJob, 'function', 'require("pixii-rx/react") gives useJob')
  const packages = [...new Set(bareImports(resolve(root, 'dist/esm/react/index.js')).bare.map((specifier) => specifier.split('/')[0]))]
  const foreign = packages.filter((name) => !['react', 'rxjs', 'cross-fetch', 'io-ts', 'fp-ts'].includes(name))
  assert.deepEqual(foreign, [], 'pixii-rx/react imports only react and the library’s dependencies')
  const loaded = JSON.parse(execFileSync(process.execPath, ['-e', "require('pixii-rx'); console.log(JSON.stringify(Object.keys(require.cache)))"], { cwd: root, encoding: 'utf8' }))
  assert.deepEqual(loaded.filter((file) => /[\\/]node_modules[\\/]react(?:-dom)?[\\/]/.test(file)), [], 'require("pixii-rx") loaded react')

  let fetched = 0
  const pixii = createPixiiClient({ baseUrl: '/pixii', fetch: () => ((fetched += 1), Promise.reject(new Error('sent'))) })
  function Card({ id }) {
    const { job, error } = useJob(pixii, id)
    return createElement('p', { 'data-id': id }, error === undefined ? (job?.status ?? 'loading') : 'failed')
  }
  assert.equal(renderToString(createElement(Card, { id: 'job_1' })), '<p data-id="job_1">loading</p>')
  assert.equal(fetched, 0, 'rendering on the server sends nothing')
  console.log('test-built (react): ok, pixii-rx/react through import and require, only react beyond the library; a page’s client and useJob render on the server')
} catch (error) {
  console.error('test-built (react): FAILED')
  console.error(error)
  process.exitCode = 1
}
