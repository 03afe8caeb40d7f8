// esbuild settings for browsers, shared by the package's browser bundle (npm run build writes
// dist/browser/pixii-rx.js) and by the browser example (examples/browser/server.ts).
// - src imports fp-ts and io-ts from their package roots, whose `module` builds (es6/) tree-shake
//   with no help from here.
// - rxjs comes from its ES2015 build (7 kB smaller than the ES5 one that is its default).
// - src/http/platformFetch.ts (cross-fetch) becomes platformFetch.browser.ts (the page's own fetch,
//   looked up at each call), and src/http/nodeStreamBody.ts (node-fetch's bodies) its browser twin
//   that reads none, as package.json's `browser` field does for dist/ in apps' bundlers.
// - Anything CommonJS from those packages, cross-fetch, or a node: module fails the build instead
//   of shipping quietly.
import * as esbuild from 'esbuild'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))

/** src/http's Node-only files give way to their browser twins, as the `browser` field maps dist/. */
export const browserTwins = {
  name: 'node-files-to-browser-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\/(?:platformFetch|nodeStreamBody)\.js$/ }, (args) => ({
      path: `${args.resolveDir}/${args.path.slice(2, -3)}.browser.ts`,
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
    plugins: [browserTwins],
    logLevel: 'silent',
  }
}

/**
 * Bundles `entryPoint` in memory; returns the code, its source map and sizes, and what went in.
 * Throws when a CommonJS build of fp-ts or io-ts, or cross-fetch, got into the bundle.
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
