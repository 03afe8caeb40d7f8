// Loads the built ESM entry points by the package's own name under plain Node (no tsx).
import { fileURLToPath } from 'node:url'
import * as pixii from 'pixii-rx'
import * as advanced from 'pixii-rx/advanced'
import * as watcher from 'pixii-rx/watcher'
import { runSmokeTest } from './smokeTest.cjs'

await runSmokeTest({
  format: 'esm',
  resolved: (specifier) => fileURLToPath(import.meta.resolve(specifier)),
  expectedEntry: { 'pixii-rx': 'dist/esm/index.js', 'pixii-rx/advanced': 'dist/esm/advanced/index.js', 'pixii-rx/testing': 'dist/esm/testing/index.js', 'pixii-rx/watcher': 'dist/esm/watcher/index.js' },
  advanced,
  watcher,
  pixii,
  loadTesting: () => import('pixii-rx/testing'),
})
