import { expect } from 'chai'
import { examplesInMarkdown, examplesInTypeScript, expectedOutputOf } from './extractExamples.js'

const fence = '```'

describe('extractExamples', function () {
  describe('examplesInTypeScript', function () {
    it('takes the ```ts blocks of @example tags, named after the declaration, with their source line', function () {
      const text = [
        'import * as t from "io-ts"',
        '',
        '/**',
        ' * A status.',
        ' *',
        ' * @example',
        ` * ${fence}ts`,
        " * import { JobStatus } from 'pixii-rx'",
        " * console.log(JobStatus.is('done'))",
        ' * // Output: false',
        ` * ${fence}`,
        ' * @see elsewhere',
        ` * ${fence}ts`,
        ' * notAnExample()',
        ` * ${fence}`,
        ' */',
        'export const JobStatus = t.keyof({ pending: null })',
      ].join('\n')
      const { examples, problems } = examplesInTypeScript('src/JobStatus.ts', text)
      expect(problems).to.deep.equal([])
      expect(examples).to.deep.equal([
        {
          source: 'src/JobStatus.ts',
          name: 'JobStatus',
          line: 8,
          code: "import { JobStatus } from 'pixii-rx'\nconsole.log(JobStatus.is('done'))\n// Output: false",
          run: true,
          check: true,
          expectedOutput: ['false'],
        },
      ])
    })

    it('names members after their owner and honours no-run and no-check', function () {
      const text = [
        'export class Thing {',
        '  /**',
        '   * @example',
        `   * ${fence}ts no-run`,
        '   * declare const thing: Thing',
        `   * ${fence}`,
        `   * ${fence}ts no-check`,
        '   * const broken: number = "a"',
        `   * ${fence}`,
        '   */',
        '  readonly size = 1',
        '}',
      ].join('\n')
      const { examples } = examplesInTypeScript('src/Thing.ts', text)
      expect(examples.map(({ name, run, check }) => ({ name, run, check }))).to.deep.equal([
        { name: 'Thing.size', run: false, check: true },
        { name: 'Thing.size', run: false, check: false },
      ])
    })

    it('reports an @example without a fenced block, which nothing could check', function () {
      const text = ['/**', ' * @example', ' * f(1) // 2', ' */', 'export function f(x: number) { return x + 1 }'].join('\n')
      const { examples, problems } = examplesInTypeScript('src/f.ts', text)
      expect(examples).to.deep.equal([])
      expect(problems.map(({ name, line }) => ({ name, line }))).to.deep.equal([{ name: 'f', line: 2 }])
    })
  })

  describe('examplesInMarkdown', function () {
    it('takes ```ts and ```typescript blocks, named after the heading above them, and skips other languages', function () {
      const text = [
        '# pixii-rx',
        '',
        `${fence}sh`,
        'npm install pixii-rx',
        fence,
        '## Watching a job',
        '',
        `${fence}typescript`,
        'console.log(1)',
        '// Output: 1',
        fence,
      ].join('\n')
      const { examples } = examplesInMarkdown('README.md', text)
      expect(examples.map(({ name, line, expectedOutput }) => ({ name, line, expectedOutput }))).to.deep.equal([
        { name: 'Watching a job (line 9)', line: 9, expectedOutput: ['1'] },
      ])
    })
  })

  describe('expectedOutputOf', function () {
    it('reads one line per // Output: comment, in order, keeping inner spacing', function () {
      expect(expectedOutputOf("f() // Output: a  b\n// Output:c\nconsole.log('x')\n// Output:   spaced")).to.deep.equal(['a  b', 'c', '  spaced'])
    })
  })
})
