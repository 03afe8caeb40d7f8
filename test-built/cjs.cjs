'use strict'
// Loads the built CommonJS entry points by the package's own name under plain Node (no tsx).
const pixii = require('pixii-rx')
const advanced = require('pixii-rx/advanced')
const watcher = require('pixii-rx/watcher')
const { runSmokeTest } = require('./smokeTest.cjs')

void runSmokeTest({
  format: 'cjs',
  resolved: (specifier) => require.resolve(specifier),
  expectedEntry: { 'pixii-rx': 'dist/cjs/index.js', 'pixii-rx/advanced': 'dist/cjs/advanced/index.js', 'pixii-rx/testing': 'dist/cjs/testing/index.js', 'pixii-rx/watcher': 'dist/cjs/watcher/index.js' },
  advanced,
  watcher,
  pixii,
  loadTesting: async () => require('pixii-rx/testing'),
})
