// The bare specifiers a built entry reaches through its relative imports: what an app that
// imports it must also install. Shared by the built checks of the entries.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** Follows `entry`'s relative imports; gives how many files it read and every bare specifier, sorted. */
export function bareImports(entry) {
  const seen = new Set()
  const bare = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    // Without comments: TSDoc examples import 'pixii-rx' too.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    for (const match of code.matchAll(/(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const specifier = match[1] ?? match[2]
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier))
      else bare.add(specifier)
    }
  }
  visit(entry)
  return { files: seen.size, bare: [...bare].sort() }
}
