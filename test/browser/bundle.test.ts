// The browser bundle: es6 builds of fp-ts and io-ts, no cross-fetch, nothing for Node, and the
// size that the README records (within 10%, so that the README moves when the bundle does).
import { expect } from 'chai'
import { readFile } from 'node:fs/promises'
import { bundleForBrowsers, describeSize, type BrowserBundle } from '../../scripts/browserBundle.mjs'

describe('the browser bundle', function () {
  this.timeout(60_000)
  let bundle: BrowserBundle

  before(async () => {
    bundle = await bundleForBrowsers('./src/index.ts')
  })

  it('takes fp-ts and io-ts from their es6 modules, and rxjs from its ES2015 build', () => {
    expect(bundle.inputs.some((input) => input.startsWith('node_modules/fp-ts/es6/'))).to.equal(true)
    expect(bundle.inputs.some((input) => input.startsWith('node_modules/io-ts/es6/'))).to.equal(true)
    expect(bundle.inputs.some((input) => input.startsWith('node_modules/rxjs/dist/esm/'))).to.equal(true)
    expect(bundle.inputs.filter((input) => /node_modules\/(fp-ts|io-ts)\/lib\/|node_modules\/rxjs\/dist\/(cjs|esm5)\//.test(input))).to.deep.equal([])
  })

  it('hands fetch to the page instead of bundling cross-fetch or a polyfill', () => {
    expect(bundle.inputs.filter((input) => input.includes('cross-fetch'))).to.deep.equal([])
    expect(bundle.inputs.filter((input) => input.includes('platformFetch'))).to.deep.equal(['src/http/platformFetch.browser.ts'])
    expect(bundle.code).not.to.contain('XMLHttpRequest')
  })

  it('reads bodies as web streams only, with no reader for Node streams', () => {
    expect(bundle.inputs.filter((input) => input.includes('nodeStreamBody'))).to.deep.equal(['src/http/nodeStreamBody.browser.ts'])
  })

  it('has the size that the README records', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const recorded = /\*\*([\d.]+) kB minified, ([\d.]+) kB gzipped\*\*/.exec(readme)
    expect(recorded, 'README: **N kB minified, N kB gzipped** in "The browser build"').not.to.equal(null)
    const [minified, gzipped] = [Number(recorded?.[1]) * 1000, Number(recorded?.[2]) * 1000]
    const drift = Math.max(Math.abs(bundle.bytes / minified - 1), Math.abs(bundle.gzipBytes / gzipped - 1))
    expect(drift, `the bundle is now ${describeSize(bundle)}: put that in the README (npm run build prints it)`).to.be.below(0.1)
  })
})
