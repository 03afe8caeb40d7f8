// Flat config: typescript-eslint's type-aware recommended rules on TypeScript (no floating
// promises, no unsafe any, ...), plain recommended rules on the build and test-built scripts.
// This file has the project's only default export: ESLint requires it.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const namedExportsOnly = 'Named exports only (STYLE.md): the file name is the primary export.'

export default defineConfig(
  { ignores: ['dist/', 'docs/', 'coverage/', '.tmp/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: namedExportsOnly },
        { selector: 'ExportSpecifier[exported.name="default"]', message: namedExportsOnly },
      ],
      // Matches the codebase: `import { PixiiErrorBase, type PixiiErrorInit } from ...`.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    rules: {
      // `let subscription` declared before a closure that reads it and assigned once after is
      // the RxJS teardown idiom (toTaskEither); `const` cannot express it.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // The codebase rejects control characters in ASINs, job ids and API keys on purpose; the
      // rule is there to catch accidental ones.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' } },
)
