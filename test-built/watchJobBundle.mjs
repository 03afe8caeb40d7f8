// The size an app pays for watching one job in a browser, measured as the app would build it:
// the packed tarball (npm pack) installed with its peers into a scratch project, and an entry
//   import { createJobWatcher } from 'pixii-rx/watcher'
//   createJobWatcher({ apiKey }).watchJob$(id).subscribe(...)
// bundled by esbuild with default settings (--bundle --minify --format=esm --platform=browser,
// no plugin, no conditions). That is "watchJob$ alone": createJobWatcher holds nothing else.
// The same bundle of createPixiiClient({ apiKey }).watchJob$(id) is printed beside it for
// information: the client's methods live on one object, which no bundler can take apart, so that
// one is the whole client.
// Fails when the watcher's bundle passes 20,000 bytes gzipped (issue 15's goal: the limit in
// watchJobBundle.size.json), when cross-fetch or a CommonJS build of fp-ts/io-ts gets into either
// bundle, or
// when a source map in the tarball points at a file the tarball does not hold.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const recorded = JSON.parse(await readFile(new URL('./watchJobBundle.size.json', import.meta.url), 'utf8'))
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
const installed = async (name) => JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')).version

const scratch = await mkdtemp(join(tmpdir(), 'pixii-rx-bundle-'))
try {
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], root))
  const files = new Set(packed.files.map((file) => file.path))
  execFileSync('tar', ['-xzf', packed.filename], { cwd: scratch })
  // A source resolves when the tarball holds it or the map embeds it (the browser bundle's does).
  const unresolved = []
  for (const map of [...files].filter((file) => file.endsWith('.map'))) {
    const { sources, sourcesContent = [] } = JSON.parse(await readFile(join(scratch, 'package', map), 'utf8'))
    sources.forEach((source, i) => {
      const path = posix.normalize(posix.join(posix.dirname(map), source))
      if (!files.has(path) && typeof sourcesContent[i] !== 'string') unresolved.push(`${map} -> ${path}`)
    })
  }
  assert.deepEqual(unresolved.slice(0, 5), [], `${unresolved.length} source map sources are not in the tarball`)

  // The peers at the versions the suite runs on, so that npm finds them in its cache.
  const peers = await Promise.all(['rxjs', 'fp-ts', 'io-ts'].map(async (name) => `${name}@${await installed(name)}`))
  await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }))
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `./${packed.filename}`, ...peers], scratch)
  const entries = {
    watcher: "import { createJobWatcher } from 'pixii-rx/watcher'\ncreateJobWatcher({ apiKey: 'pk_test_size' }).watchJob$('job_1').subscribe((job) => console.log(job.status))\n",
    client: "import { createPixiiClient } from 'pixii-rx'\ncreatePixiiClient({ apiKey: 'pk_test_size' }).watchJob$('job_1').subscribe((job) => console.log(job.status))\n",
  }
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`
  const measured = {}
  for (const [form, source] of Object.entries(entries)) {
    await writeFile(join(scratch, `${form}.js`), source)
    const result = await esbuild.build({
      absWorkingDir: scratch,
      entryPoints: [`${form}.js`],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      outfile: 'out.js',
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs)
    assert.deepEqual(inputs.filter((input) => /node_modules\/(?:cross-fetch|(?:fp-ts|io-ts)\/lib)\//.test(input)), [], `${form}: no cross-fetch, no CommonJS fp-ts or io-ts`)
    assert.ok(inputs.includes('node_modules/pixii-rx/dist/esm/http/platformFetch.browser.js'), `${form}: the browser field gave the page’s fetch`)
    assert.ok(inputs.includes('node_modules/pixii-rx/dist/esm/http/nodeStreamBody.browser.js'), `${form}: the browser field left out the Node stream reader`)
    const code = result.outputFiles[0].contents
    const gzipBytes = gzipSync(code).length
    const { gzipBytes: recordedBytes } = recorded[form]
    measured[form] = gzipBytes
    console.log(
      `test-built (watchJob$ bundle, ${form === 'watcher' ? 'createJobWatcher from pixii-rx/watcher' : 'the whole client, for information'}): ` +
        `${kB(code.length)} minified, ${kB(gzipBytes)} gzipped (${gzipBytes} bytes), ${((gzipBytes / recordedBytes) * 100).toFixed(1)}% of the recorded ${kB(recordedBytes)}`,
    )
  }
  // The limit is issue 15's goal, "watchJob$ alone" at most 20 kB gzipped, not the measured size
  // plus a margin: growth is free up to it, and a change that passes it has to pay for itself.
  const { limitGzipBytes } = recorded.watcher
  console.log(
    `test-built (watchJob$ bundle): the watcher is ${((measured.watcher / measured.client) * 100).toFixed(0)}% of the client; ` +
      `${measured.watcher <= limitGzipBytes ? `${limitGzipBytes - measured.watcher} bytes under` : `${measured.watcher - limitGzipBytes} bytes over`} its limit of ${limitGzipBytes}; ` +
      `${files.size} files packed, every source map resolves`,
  )
  assert.ok(
    measured.watcher <= limitGzipBytes,
    `the watcher bundle grew to ${measured.watcher} bytes gzipped, above its limit of ${limitGzipBytes} (20 kB): make room in what a page's watch bundles`,
  )
} catch (error) {
  console.error('test-built (watchJob$ bundle): FAILED')
  console.error(error)
  process.exitCode = 1
} finally {
  await rm(scratch, { recursive: true, force: true })
}
