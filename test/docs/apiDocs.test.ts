// Every public export is documented, by one checkable rule. For each export of the nine entry
// points (pixii-rx, pixii-rx/advanced, pixii-rx/watcher, pixii-rx/testing, pixii-rx/proxy, pixii-rx/node, pixii-rx/react, pixii-rx/catalogue, pixii-rx/redis):
//
// - it has a doc comment with a summary and an @example (a codec and its type of the same name
//   count as one export: the comment of either serves);
// - if it is a function (a function declaration, or a const initialised with a function), every
//   parameter has a @param, and it has at least one @throws: what it throws, what it puts in its
//   Observable's error channel or its TaskEither's Left, or that it never fails. "Its errors" are
//   part of every function's contract, so silence is not allowed: a function that cannot fail
//   says so (`@throws Never: ...`).
//
// Read with the TypeScript compiler API from the sources, as typedoc sees them.
import { expect } from 'chai'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('../..', import.meta.url))
const entryPoints: Readonly<Record<string, string>> = {
  'pixii-rx': 'src/index.ts',
  'pixii-rx/testing': 'src/testing/index.ts',
  'pixii-rx/proxy': 'src/proxy/index.ts',
  'pixii-rx/node': 'src/node/index.ts',
  'pixii-rx/advanced': 'src/advanced/index.ts',
  'pixii-rx/watcher': 'src/watcher/index.ts',
  'pixii-rx/react': 'src/react/index.ts',
  'pixii-rx/redis': 'src/redis/index.ts',
  'pixii-rx/catalogue': 'src/catalogue/index.ts',
}

/** What the rule found wrong with one export. */
export interface DocGap {
  readonly entry: string
  readonly name: string
  readonly file: string
  readonly missing: readonly string[]
}

function docsOf(declaration: ts.Declaration): { summary: string; tags: readonly ts.JSDocTag[] } {
  const parts = ts.getJSDocCommentsAndTags(declaration)
  const docs = parts.filter(ts.isJSDoc)
  const summary = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join('\n').trim()
  return { summary, tags: docs.flatMap((doc) => [...(doc.tags ?? [])]) }
}

function functionOf(declaration: ts.Declaration): ts.SignatureDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration)) return declaration
  if (ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) {
    const initializer = declaration.initializer
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer
  }
  return undefined
}

/** Every export of every entry point that breaks the rule. */
export function docGaps(): DocGap[] {
  const files = Object.values(entryPoints).map((path) => join(root, path))
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })
  const program = ts.createProgram({ rootNames: files, options: { ...config?.options, noEmit: true } })
  const checker = program.getTypeChecker()
  const gaps: DocGap[] = []
  for (const [entry, path] of Object.entries(entryPoints)) {
    const source = program.getSourceFile(join(root, path))
    const module = source && checker.getSymbolAtLocation(source)
    if (module === undefined) throw new Error(`cannot read ${path}`)
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const declarations = symbol.declarations ?? []
      const documented = declarations.map(docsOf)
      const tags = documented.flatMap((doc) => doc.tags)
      const has = (name: string) => tags.some((tag) => tag.tagName.text === name)
      const missing: string[] = []
      if (!documented.some((doc) => doc.summary !== '')) missing.push('a summary')
      if (!has('example')) missing.push('an @example')
      const signatures = declarations.map(functionOf).filter((fn) => fn !== undefined)
      if (signatures.length > 0) {
        const params = new Set(
          tags.filter(ts.isJSDocParameterTag).map((tag) => tag.name.getText()),
        )
        const names = new Set(signatures.flatMap((fn) => fn.parameters.filter((parameter) => ts.isIdentifier(parameter.name)).map((parameter) => parameter.name.getText())))
        for (const name of names) if (!params.has(name)) missing.push(`@param ${name}`)
        if (!has('throws')) missing.push('@throws')
      }
      if (missing.length > 0) {
        const file = declarations[0]?.getSourceFile().fileName.slice(root.length) ?? '?'
        gaps.push({ entry, name: exported.name, file, missing })
      }
    }
  }
  return gaps
}

describe('API documentation', function () {
  this.timeout(60_000)

  it('every public export has a summary and an @example; every function its @param and @throws', function () {
    const gaps = docGaps().map((gap) => `${gap.entry} ${gap.name} (${gap.file}): ${gap.missing.join(', ')}`)
    expect(gaps, `${gaps.length} exports break the rule`).to.deep.equal([])
  })
})
