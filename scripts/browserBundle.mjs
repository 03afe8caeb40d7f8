// esbuild settings for browsers, shared by the package's browser bundle (npm run build writes
// dist/browser/pixii-rx.js) and by the browser example (examples/browser/server.ts).
// - fp-ts and io-ts are imported through their CommonJS lib/*.js paths (plain Node ESM needs
//   them); here they are mapped to their es6/*.js twins, which tree-shake.
// - rxjs comes from its ES2015 build (7 kB smaller than the ES5 one that is its default).
// - cross-fetch becomes the page's own fetch, looked up at each call, so that whatever the page
//   installs on window.fetch (a service worker shim, instrumentation) sees every request.
// - Anything CommonJS from those packages, or a node: module, fails the build instead of
//   shipping quietly.
import * as esbuild from 'esbuild'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))

/** fp-ts/lib/X.js and io-ts/lib/X.js resolve to fp-ts/es6/X.js and io-ts/es6/X.js. */
export const es6Modules = {
  name: 'fp-ts-io-ts-es6',
  setup(build) {
    build.onResolve({ filter: /^(fp-ts|io-ts)\/lib\// }, (args) =>
      build.resolve(args.path.replace('/lib/', '/es6/'), { kind: args.kind, resolveDir: args.resolveDir }),
    )
  },
}

/** `import fetch from 'cross-fetch'` gives the page's fetch, looked up when called. */
export const pageFetch = {
  name: 'cross-fetch-to-page-fetch',
  setup(build) {
    build.onResolve({ filter: /^cross-fetch$/ }, () => ({ path: 'cross-fetch', namespace: 'page-fetch' }))
    build.onLoad({ filter: /.*/, namespace: 'page-fetch' }, () => ({
      contents: 'export default (input, init) => globalThis.fetch(input, init)\n',
      loader: 'js',
    }))
  },
}

const forbiddenInputs = /node_modules\/(?:(?:fp-ts|io-ts)\/lib|cross-fetch)\//

/** Esbuild options for a browser bundle of `entryPoint`. */
export function browserBuildOptions(entryPoint) {
  return {
    absWorkingDir: root,
    entryPoints: [entryPoint],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // rxjs's ES2015 build, as Angular's toolchain picks it: its default browser build is ES5.
    conditions: ['es2015'],
    minify: true,
    sourcemap: true,
    metafile: true,
    legalComments: 'none',
    plugins: [es6Modules, pageFetch],
    logLevel: 'silent',
  }
}

/**
 * Bundles `entryPoint` in memory; returns the code, its source map and sizes, and what went in.
 * Throws when a CommonJS build of fp-ts or io-ts, or cross-fetch itself, got into the bundle.
 */
export async function bundleForBrowsers(entryPoint, outfile = 'bundle.js') {
  const result = await esbuild.build({ ...browserBuildOptions(entryPoint), outfile, write: false })
  const inputs = Object.keys(result.metafile.inputs)
  const forbidden = inputs.filter((input) => forbiddenInputs.test(input))
  if (forbidden.length > 0) throw new Error(`the browser bundle of ${entryPoint} took in ${forbidden.join(', ')}`)
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'))
  if (code === undefined || map === undefined) throw new Error(`esbuild wrote no bundle for ${entryPoint}`)
  return { code: code.text, map: map.text, bytes: code.contents.length, gzipBytes: gzipSync(code.contents).length, inputs }
}

/** `44.9 kB minified, 14.1 kB gzipped`: how the build prints a size, and how the README records it. */
export function describeSize({ bytes, gzipBytes }) {
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`
  return `${kB(bytes)} minified, ${kB(gzipBytes)} gzipped`
}

/** Writes dist/browser/pixii-rx.js (and its map) from src/index.ts; returns the bundle's sizes. */
export async function buildBrowserBundle(outfile = 'dist/browser/pixii-rx.js') {
  const target = `${root}/${outfile}`
  const bundle = await bundleForBrowsers('./src/index.ts', target)
  await mkdir(dirname(target), { recursive: true })
  await writeFile(target, bundle.code)
  await writeFile(`${target}.map`, bundle.map)
  return { ...bundle, file: relative(root, target) }
}
