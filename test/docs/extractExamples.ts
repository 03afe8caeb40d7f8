// Finds the runnable examples of the project: every ```ts block in a TSDoc `@example` of
// src/**/*.ts, and every ```ts block in README.md and docs/**/*.md (docs/api is generated).
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'

/** One fenced TypeScript block, ready to be type-checked and run. */
export interface Example {
  /** Repository-relative path of the file it comes from, with forward slashes. */
  readonly source: string
  /** The documented export (`Job`, `DecodeError.issues`) or, in Markdown, the nearest heading. */
  readonly name: string
  /** 1-based line, in `source`, of the block's first line of code. */
  readonly line: number
  /** The code between the fences, with the comment's ` * ` prefixes removed. */
  readonly code: string
  /** False for ```` ```ts no-run ````: type-checked only. */
  readonly run: boolean
  /** False for ```` ```ts no-check ````: neither type-checked nor run (shown as pending). */
  readonly check: boolean
  /** Each `// Output:` comment, in order: the expected console.log lines. */
  readonly expectedOutput: readonly string[]
}

/** Something that looks like documentation of code but cannot be checked. */
export interface ExampleProblem {
  readonly source: string
  readonly name: string
  readonly line: number
  readonly message: string
}

/** What {@link extractExamples} found. */
export interface Extraction {
  readonly examples: readonly Example[]
  readonly problems: readonly ExampleProblem[]
}

const typeScriptLanguages = new Set(['ts', 'typescript', 'mts'])
const outputComment = /\/\/\s*Output:(.*)$/

/** The `// Output:` lines of a block: the text after `Output:` less one leading space. */
export function expectedOutputOf(code: string): string[] {
  return code.split('\n').flatMap((line) => {
    const match = outputComment.exec(line)
    return match ? [(match[1] ?? '').replace(/^ /, '').trimEnd()] : []
  })
}

interface NumberedLine {
  readonly text: string
  readonly line: number
}

interface Fence {
  readonly language: string
  readonly flags: ReadonlySet<string>
  readonly line: number
  readonly code: string
}

/** The fenced blocks in some lines; an unclosed fence runs to the end, as in CommonMark. */
function fencesIn(lines: readonly NumberedLine[]): Fence[] {
  const fences: Fence[] = []
  let open: { marker: string; indent: number; language: string; flags: Set<string>; body: NumberedLine[] } | undefined
  const close = () => {
    if (!open) return
    const first = open.body[0]
    fences.push({
      language: open.language,
      flags: open.flags,
      line: first?.line ?? 0,
      code: open.body.map((entry) => entry.text).join('\n'),
    })
    open = undefined
  }
  for (const entry of lines) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/.exec(entry.text)
    if (open) {
      if (fence && fence[2]?.startsWith(open.marker) && fence[3] === '' && fence[4]?.trim() === '') close()
      // Markdown lets a fence inside a list be indented; its body loses the same indentation.
      else open.body.push({ text: entry.text.replace(new RegExp(`^ {0,${open.indent}}`), ''), line: entry.line })
    } else if (fence) {
      open = {
        marker: fence[2] ?? '```',
        indent: fence[1]?.length ?? 0,
        language: (fence[3] ?? '').toLowerCase(),
        flags: new Set((fence[4] ?? '').trim().split(/\s+/).filter(Boolean)),
        body: [],
      }
    }
  }
  close()
  return fences
}

function toExample(source: string, name: string, fence: Fence): Example {
  return {
    source,
    name,
    line: fence.line,
    code: fence.code,
    run: !fence.flags.has('no-run') && !fence.flags.has('no-check'),
    check: !fence.flags.has('no-check'),
    expectedOutput: expectedOutputOf(fence.code),
  }
}

function declarationName(node: ts.Node): string | undefined {
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.map((declaration) => declaration.name.getText()).join(', ')
  if (
    (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) ||
      ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node) ||
      ts.isModuleDeclaration(node)) &&
    node.name
  ) {
    return node.name.getText()
  }
  return undefined
}

/** The export a doc comment documents; a member is named after its owner (`DecodeError.issues`). */
function nameOf(node: ts.Node): string | undefined {
  const own = declarationName(node)
  if (own !== undefined) return own
  if (!(ts.isConstructorDeclaration(node) || ts.isClassElement(node) || ts.isTypeElement(node) || ts.isPropertyAssignment(node))) {
    return undefined
  }
  const member = ts.isConstructorDeclaration(node) ? 'constructor' : node.name?.getText()
  let owner: string | undefined
  for (let parent = node.parent; owner === undefined && !ts.isSourceFile(parent); parent = parent.parent) {
    owner = declarationName(parent)
  }
  return owner !== undefined && member !== undefined ? `${owner}.${member}` : member
}

/** Every `/** … *\/` comment in a file, with the declaration it documents. */
function docCommentsOf(sourceFile: ts.SourceFile): { readonly pos: number; readonly end: number; readonly name: string }[] {
  const text = sourceFile.text
  const seen = new Set<number>()
  const comments: { pos: number; end: number; name: string }[] = []
  const record = (node: ts.Node) => {
    for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
      if (seen.has(range.pos) || !text.startsWith('/**', range.pos)) continue
      seen.add(range.pos)
      const line = sourceFile.getLineAndCharacterOfPosition(range.pos).line + 1
      const comment = text.slice(range.pos, range.end)
      const name = /@(packageDocumentation|module)\b/.test(comment) ? '(module)' : (nameOf(node) ?? `line ${line}`)
      comments.push({ pos: range.pos, end: range.end, name })
    }
  }
  // Pre-order, so a comment goes to the outermost node it precedes (the statement, not its parts).
  const visit = (node: ts.Node) => {
    if (!ts.isSourceFile(node)) record(node)
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  record(sourceFile.endOfFileToken)
  return comments.sort((a, b) => a.pos - b.pos)
}

/** The ```ts blocks of the `@example` tags of one TypeScript file. */
export function examplesInTypeScript(source: string, text: string): Extraction {
  const sourceFile = ts.createSourceFile(source, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const examples: Example[] = []
  const problems: ExampleProblem[] = []
  let attached = 0
  for (const comment of docCommentsOf(sourceFile)) {
    const firstLine = sourceFile.getLineAndCharacterOfPosition(comment.pos).line + 1
    const body = text.slice(comment.pos + 3, comment.end - 2).split('\n')
    const lines = body.map((raw, index) => ({ text: raw.replace(/^\s*\* ?/, ''), line: firstLine + index }))
    // Split into tag sections; a line starting with `@` outside a fence starts a new tag.
    let tag = ''
    let inFence = false
    let section: NumberedLine[] = []
    const sections: { tag: string; lines: NumberedLine[] }[] = []
    for (const line of lines) {
      if (/^\s*(`{3,}|~{3,})/.test(line.text)) inFence = !inFence
      const tagMatch = inFence ? null : /^@(\w+)/.exec(line.text)
      if (tagMatch) {
        sections.push({ tag, lines: section })
        tag = tagMatch[1] ?? ''
        section = [{ text: line.text.slice(tagMatch[0].length), line: line.line }]
      } else {
        section.push(line)
      }
    }
    sections.push({ tag, lines: section })
    for (const { lines: sectionLines, tag: sectionTag } of sections) {
      if (sectionTag !== 'example') continue
      attached++
      const fences = fencesIn(sectionLines)
      if (fences.length === 0) {
        problems.push({
          source, name: comment.name, line: sectionLines[0]?.line ?? firstLine,
          message: 'an @example without a fenced ```ts block cannot be checked: fence it (```ts, or ```ts no-run)',
        })
      }
      for (const fence of fences) if (typeScriptLanguages.has(fence.language)) examples.push(toExample(source, comment.name, fence))
    }
  }
  // A cheap cross-check that no @example escaped the comment walk above.
  const mentioned = text.match(/^\s*\*\s*@example\b/gm)?.length ?? 0
  if (mentioned !== attached) {
    problems.push({ source, name: '(file)', line: 1, message: `found ${attached} of the ${mentioned} @example tags in doc comments` })
  }
  return { examples, problems }
}

/** The ```ts blocks of one Markdown file, each named after the heading above it. */
export function examplesInMarkdown(source: string, text: string): Extraction {
  const lines = text.split('\n').map((raw, index) => ({ text: raw, line: index + 1 }))
  const headings: { line: number; title: string }[] = []
  let inFence = false
  for (const { text: line, line: number } of lines) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence
    const heading = inFence ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)
    if (heading) headings.push({ line: number, title: heading[1] ?? '' })
  }
  const examples = fencesIn(lines)
    .filter((fence) => typeScriptLanguages.has(fence.language))
    .map((fence) => {
      const heading = headings.filter((entry) => entry.line < fence.line).at(-1)?.title ?? '(top)'
      return toExample(source, `${heading} (line ${fence.line})`, fence)
    })
  return { examples, problems: [] }
}

async function filesUnder(root: string, folder: string, extension: string, skip: ReadonlySet<string>): Promise<string[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => ![...skip].some((prefix) => path.startsWith(prefix)))
    .sort()
}

/** Every example of the repository at `root`. */
export async function extractExamples(root: string): Promise<Extraction> {
  const typeScript = await filesUnder(root, 'src', '.ts', new Set())
  const markdown = [
    ...(await readFile(join(root, 'README.md'), 'utf8').then(() => ['README.md'], () => [])),
    ...(await filesUnder(root, 'docs', '.md', new Set(['docs/api/']))),
  ]
  const parts = await Promise.all([
    ...typeScript.map(async (path) => examplesInTypeScript(path, await readFile(join(root, path), 'utf8'))),
    ...markdown.map(async (path) => examplesInMarkdown(path, await readFile(join(root, path), 'utf8'))),
  ])
  return {
    examples: parts.flatMap((part) => part.examples),
    problems: parts.flatMap((part) => part.problems),
  }
}
