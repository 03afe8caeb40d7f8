// The framework recipes of docs/guides/front-ends.md, against the real framework packages
// (devDependencies): the Angular block (```ts no-check angular) type-checks against
// @angular/core with the decorator settings Angular apps compile with; the Svelte component
// (```svelte) compiles for the browser and the server without a warning, and renders on the
// server, where a page's client sends nothing, as `loading`.
import { expect } from 'chai'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import type { Component } from 'svelte'
import { compile } from 'svelte/compiler'
import { render } from 'svelte/server'
import { createPixiiClient } from '../../src/index.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const work = join(root, '.tmp', `recipes-${process.pid}`)
const guide = await readFile(join(root, 'docs/guides/front-ends.md'), 'utf8')

/** The bodies of the fences whose info string is exactly `info`. */
function fences(info: string): string[] {
  const found: string[] = []
  const pattern = /^```([^\n]*)\n([\s\S]*?)^```$/gm
  for (const match of guide.matchAll(pattern)) if (match[1]?.trim() === info) found.push(match[2] ?? '')
  return found
}

describe('the front-end guide’s framework recipes', function () {
  this.timeout(60_000)
  before(() => mkdir(work, { recursive: true }))
  after(() => rm(work, { recursive: true, force: true }))

  it('has one Angular recipe and one Svelte component', () => {
    expect(fences('ts no-check angular')).to.have.length(1)
    expect(fences('svelte')).to.have.length(1)
  })

  it('compiles the Angular recipe against @angular/core', async () => {
    const file = join(work, 'angular.ts')
    const source = relative(work, join(root, 'src/index.js')).split('\\').join('/')
    await writeFile(file, (fences('ts no-check angular')[0] ?? '').replace(/from 'pixii-rx'/g, `from '${source}'`))
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      allowImportingTsExtensions: false,
    })
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    expect(problems).to.deep.equal([])
    // And it is not the recipe that read an input in a field initializer.
    expect(fences('ts no-check angular')[0]).to.match(/toObservable\(this\.id\)\.pipe\(switchMap/)
  })

  it('compiles the Svelte component for browser and server, and renders `loading` on the server', async () => {
    const component = fences('svelte')[0] ?? ''
    for (const generate of ['client', 'server'] as const) {
      const { warnings } = compile(component, { generate, filename: 'JobCard.svelte' })
      expect(warnings.map((warning) => warning.message)).to.deep.equal([])
    }
    const file = join(work, 'JobCard.js')
    await writeFile(file, compile(component, { generate: 'server', filename: 'JobCard.svelte' }).js.code)
    type Props = { readonly pixii: ReturnType<typeof createPixiiClient>; readonly id: string }
    const { default: JobCard } = (await import(pathToFileURL(file).href)) as { default: Component<Props> }
    let fetched = 0
    const pixii = createPixiiClient({ baseUrl: '/pixii', fetch: () => ((fetched += 1), Promise.reject(new Error('sent'))) })
    const { body } = render(JobCard, { props: { pixii, id: 'job_1' } })
    expect(body).to.contain('<p class="status">loading</p>')
    expect(fetched).to.equal(0)
  })
})
