// The Node subpath and the CLI of the *built* package under plain Node (no tsx):
// - `pixii-rx/node` loads through `import` and `require`, and works;
// - `import 'pixii-rx'` (and `pixii-rx/node`) never load the CLI's dependencies: the static
//   import graph of dist/esm reaches only rxjs, cross-fetch, io-ts, fp-ts and node:*, and
//   `require` leaves no commander, cli-spinners or string-width in require.cache;
// - `pixii-rx/redis` loads through `import` and `require` and is the only entry that reaches
//   ioredis (its optional peer dependency): neither `pixii-rx` nor `pixii-rx/node` loads it;
// - the `bin` runs: `pixii-rx --version` and `--help`.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bareImports } from './bareImports.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))
const libraryDependencies = new Set(['rxjs', 'cross-fetch', 'io-ts', 'fp-ts'])
const cliOnly = /[\\/]node_modules[\\/](commander|cli-spinners|string-width|ioredis)[\\/]/

try {
  for (const entry of ['dist/esm/index.js', 'dist/esm/node/index.js', 'dist/esm/catalogue/index.js']) {
    const { files, bare } = bareImports(resolve(root, entry))
    const foreign = bare.filter((specifier) => !specifier.startsWith('node:') && !libraryDependencies.has(specifier.split('/')[0]))
    assert.deepEqual(foreign, [], `${entry} (${files} files) imports ${foreign.join(', ')}`)
  }
  const loaded = JSON.parse(
    execFileSync(process.execPath, ['-e', "require('pixii-rx'); require('pixii-rx/node'); console.log(JSON.stringify(Object.keys(require.cache)))"], { cwd: root, encoding: 'utf8' }),
  )
  assert.deepEqual(loaded.filter((file) => cliOnly.test(file)), [], 'require(pixii-rx) loaded a dependency of the CLI or of pixii-rx/redis')

  const esm = await import('pixii-rx/node')
  const cjs = require('pixii-rx/node')
  assert.ok(fileURLToPath(import.meta.resolve('pixii-rx/node')).replaceAll('\\', '/').endsWith('dist/esm/node/index.js'))
  assert.ok(require.resolve('pixii-rx/node').replaceAll('\\', '/').endsWith('dist/cjs/node/index.js'))
  for (const node of [esm, cjs]) {
    for (const name of ['toReadable', 'toAsyncIterable', 'toNdjson', 'jobEvents', 'downloadAds']) assert.equal(typeof node[name], 'function', `${name} is exported`)
    const { of } = require('rxjs')
    assert.deepEqual(await node.toReadable(of(1, 2, 3)).toArray(), [1, 2, 3])
  }

  // pixii-rx/catalogue: loads both ways, and its journal works under plain Node.
  const catalogueEsm = await import('pixii-rx/catalogue')
  const catalogueCjs = require('pixii-rx/catalogue')
  assert.ok(require.resolve('pixii-rx/catalogue').replaceAll('\\', '/').endsWith('dist/cjs/catalogue/index.js'))
  for (const catalogue of [catalogueEsm, catalogueCjs]) {
    for (const name of ['runCatalogue$', 'createJournalStore', 'readRows', 'rowOf']) assert.equal(typeof catalogue[name], 'function', `${name} is exported`)
    const { mkdtempSync, rmSync } = await import('node:fs')
    const dir = mkdtempSync(resolve(root, '.tmp-built-journal-'))
    try {
      const store = catalogue.createJournalStore(resolve(dir, 'run.journal'))
      await store.open()
      await store.append({ kind: 'accepted', row: 'r1', at: 0, jobId: 'job_1', adopted: false })
      await store.close()
      const again = catalogue.createJournalStore(resolve(dir, 'run.journal'))
      assert.equal((await again.open()).entries.length, 1)
      await again.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  const redisImports = bareImports(resolve(root, 'dist/esm/redis/index.js')).bare
  assert.ok(redisImports.includes('ioredis'), `pixii-rx/redis imports ${redisImports.join(', ')}`)
  const redisEsm = await import('pixii-rx/redis')
  const redisCjs = require('pixii-rx/redis')
  for (const redis of [redisEsm, redisCjs]) {
    for (const name of ['createRedisLimiter', 'createRedisStore']) assert.equal(typeof redis[name], 'function', `pixii-rx/redis exports ${name}`)
    // A limiter on a port where nothing answers: it says so, and closes without waiting.
    const limiter = redis.createRedisLimiter({ redis: 'redis://127.0.0.1:1', organisation: 'built' })
    assert.equal(limiter.state().redis.reachable, false)
    await limiter.close()
  }
  assert.ok(
    Object.keys(require.cache).some((file) => /[\\/]node_modules[\\/]ioredis[\\/]/.test(file)),
    'require(pixii-rx/redis) loaded ioredis',
  )

  const bin = resolve(root, pkg.bin['pixii-rx'])
  assert.equal(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim(), pkg.version)
  assert.match(execFileSync(process.execPath, [bin, 'download', '--help'], { encoding: 'utf8' }), /Examples:/)
  assert.match(execFileSync(process.execPath, [bin, 'batch', '--help'], { encoding: 'utf8' }), /--journal <path>[\s\S]*--store <url>/)
  assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/)
  console.log(`test-built (node, cli, redis): ok, the library entry reaches only ${[...libraryDependencies].join(', ')}; pixii-rx/redis loads ioredis; pixii-rx ${pkg.version} runs`)
} catch (error) {
  console.error('test-built (node, cli, redis): FAILED')
  console.error(error)
  process.exitCode = 1
}
