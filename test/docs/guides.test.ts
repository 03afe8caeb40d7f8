// The guides are all in the site, in the order of docs/guides/README.md, and no relative link of
// the README or of docs/**/*.md points at a file that is not there.
import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const guides = join(root, 'docs', 'guides')

/** The `children` of the front matter of a Markdown file (a YAML list of strings). */
function childrenOf(text: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? ''
  const list = /^children:\n((?:\s+-\s+.+\n?)+)/m.exec(front)?.[1] ?? ''
  return [...list.matchAll(/-\s+(\S+)/g)].map((match) => match[1] ?? '')
}

/** The targets of the inline links of a Markdown text, outside fenced blocks and code spans. */
function linksOf(text: string): string[] {
  const prose = text.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '')
}

describe('guides', function () {
  it('lists every guide once in docs/guides/README.md, and only guides that exist', async function () {
    const index = await readFile(join(guides, 'README.md'), 'utf8')
    const children = childrenOf(index).map((child) => child.replace(/^\.\//, ''))
    const files = (await readdir(guides)).filter((name) => name.endsWith('.md') && name !== 'README.md').sort()
    expect([...children].sort()).to.deep.equal(files)
    expect(new Set(children).size).to.equal(children.length)
    const linked = linksOf(index).filter((target) => !target.includes('/') || target.startsWith('./')).map((target) => target.replace(/^\.\//, ''))
    expect(linked.filter((target) => target.endsWith('.md')), 'the numbered list, in the same order').to.deep.equal(children)
  })

  it('gives every guide a title in its front matter and one top heading', async function () {
    for (const name of (await readdir(guides)).filter((file) => file.endsWith('.md'))) {
      const text = await readFile(join(guides, name), 'utf8')
      expect(/^---\ntitle: .+\n/.test(text), `${name}: front matter with a title`).to.equal(true)
      expect(text.match(/^# /gm)?.length, `${name}: one # heading`).to.equal(1)
    }
  })

  it('has no relative link to a missing file in README.md and docs/**/*.md', async function () {
    const docs = (await readdir(join(root, 'docs'), { recursive: true }))
      .filter((path) => path.endsWith('.md') && !path.startsWith('api'))
      .map((path) => join('docs', path))
    const broken: string[] = []
    for (const file of ['README.md', ...docs]) {
      const text = await readFile(join(root, file), 'utf8')
      for (const target of linksOf(text)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue
        const path = join(root, dirname(file), decodeURI(target.split('#')[0] ?? ''))
        if (!existsSync(path)) broken.push(`${file}: ${target} (${relative(root, path)})`)
      }
    }
    expect(broken).to.deep.equal([])
  })

  it("README's first watch is plain JavaScript, as it says (node --check parses it as first-watch.mjs)", async function () {
    const readme = await readFile(join(root, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## A first watch'))
    expect(section, 'the section tells the reader to save it as first-watch.mjs').to.match(/first-watch\.mjs/)
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
    const folder = join(root, '.tmp', 'docs-check')
    await mkdir(folder, { recursive: true })
    const file = join(folder, `first-watch-${process.pid}.mjs`)
    await writeFile(file, code)
    expect(() => execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' })).to.not.throw()
  })
})
