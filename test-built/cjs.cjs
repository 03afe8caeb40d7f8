'use strict'
// Loads the built CommonJS entry points by the package's own name under plain Node (no tsx).
const pixii = require('pixii-rx')
const advanced = require('pixii-rx/advanced')
const { runSmokeTest } = require('./smokeTest.cjs')

void runSmokeTest({
  format: 'cjs',
  resolved: (specifier) => require.resolve(specifier),
  expectedEntry: { 'pixii-rx': 'dist/cjs/index.js', 'pixii-rx/advanced': 'dist/cjs/advanced/index.js', 'pixii-rx/testing': 'dist/cjs/testing/index.js' },
  advanced,
  pixii,
  loadTesting: async () => require('pixii-rx/testing'),
})
