// Loads the built ESM entry points by the package's own name under plain Node (no tsx).
import { fileURLToPath } from 'node:url'
import * as pixii from 'pixii-rx'
import { runSmokeTest } from './smokeTest.cjs'

await runSmokeTest({
  format: 'esm',
  resolved: (specifier) => fileURLToPath(import.meta.resolve(specifier)),
  expectedEntry: { 'pixii-rx': 'dist/esm/index.js', 'pixii-rx/testing': 'dist/esm/testing/index.js' },
  pixii,
  loadTesting: () => import('pixii-rx/testing'),
})
