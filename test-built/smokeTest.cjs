'use strict'
// The checks shared by esm.mjs and cjs.cjs. Each script loads the *built* package by its own
// name (Node resolves the self-reference through the exports map) and hands the modules here;
// this file loads nothing from pixii-rx itself, so each format is tested only through its loader.
const assert = require('node:assert/strict')

const errorClasses = [
  'AbortedError', 'DecodeError', 'InsufficientCreditsError', 'JobFailedError', 'JobNotFoundError', 'NetworkError',
  'NoActiveBrandError', 'RateLimitedError', 'ServerError', 'TimeoutError', 'UnauthorizedError', 'ValidationError',
]

function checkErrors(pixii) {
  for (const name of errorClasses) assert.equal(typeof pixii[name], 'function', `${name} is exported`)
  const error = new pixii.JobNotFoundError({ message: 'gone' })
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'JobNotFoundError')
  assert.equal(pixii.isPixiiError(error), true)
  assert.equal(pixii.isPixiiError(error, 'RateLimited'), false)
  // fp-ts/io-ts are reached through their lib/*.js paths; a directory import would have failed
  // to load above, and a codec call proves the graph is wired.
  assert.equal(pixii.JobStatus.is('processing'), true)
}

// pixii-rx/advanced is its own entry: its codecs decode, and the root no longer carries them.
function checkAdvanced(pixii, advanced) {
  assert.equal(advanced.Asin.is('B0CHX1W1XY'), true, 'pixii-rx/advanced: Asin decodes')
  assert.equal(typeof advanced.defaultRetryPolicy.maxConsecutiveFailures, 'number')
  assert.equal(pixii.Asin, undefined, 'the root entry does not export Asin')
}

// pixii-rx/watcher is its own entry: a watcher follows a job to its end as the client would.
function watchToTheEnd(watcher, jobId) {
  return new Promise((resolve, reject) => {
    const statuses = []
    watcher.watchJob$(jobId).subscribe({ next: (job) => statuses.push(job.status), error: reject, complete: () => resolve(statuses) })
  })
}

async function checkRealCall(pixii, testing, watcher) {
  assert.equal(typeof pixii.createPixiiClient, 'function', 'createPixiiClient is exported')
  assert.equal(typeof testing.startSimulator, 'function', 'startSimulator is exported from pixii-rx/testing')
  const sim = await testing.startSimulator()
  try {
    assert.match(sim.url, /^http:\/\//, 'the simulator listens over real HTTP')
    const client = pixii.createPixiiClient({ apiKey: sim.testKey, baseUrl: sim.url })
    const submitted = await client.submitListingBuilder({ asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' })()
    assert.equal(submitted._tag, 'Right', `submitListingBuilder: ${JSON.stringify(submitted)}`)
    const jobId = submitted.right.job_id
    assert.equal(typeof jobId, 'string')
    assert.ok(jobId.length > 0, 'a job id came back')
    const fetched = await client.getJob(jobId)()
    assert.equal(fetched._tag, 'Right', `getJob: ${JSON.stringify(fetched)}`)
    assert.equal(fetched.right.id, jobId)
    assert.equal(pixii.JobStatus.is(fetched.right.status), true, `status ${fetched.right.status}`)
    assert.equal(typeof watcher.createJobWatcher, 'function', 'createJobWatcher is exported from pixii-rx/watcher')
    assert.equal(pixii.createJobWatcher, undefined, 'the root entry does not export createJobWatcher')
    const statuses = await watchToTheEnd(watcher.createJobWatcher({ apiKey: sim.testKey, baseUrl: sim.url }), jobId)
    assert.equal(statuses.at(-1), 'completed', `pixii-rx/watcher: ${statuses.join(' → ')}`)
    return `job ${jobId} was ${fetched.right.status}, watched to ${statuses.at(-1)}`
  } finally {
    await sim.close()
  }
}

/** Runs every check; any failure sets a non-zero exit code. */
async function runSmokeTest({ format, resolved, expectedEntry, pixii, advanced, watcher, loadTesting }) {
  let finished = false
  // A promise that never settles lets Node exit 0 in CommonJS: that must not read as a pass.
  process.on('exit', (code) => {
    if (finished || code !== 0) return
    console.error(`test-built (${format}): FAILED: the process ended before the checks finished`)
    process.exitCode = 1
  })
  const watchdog = setTimeout(() => {
    console.error(`test-built (${format}): timed out after 15 s`)
    process.exit(1)
  }, 15_000)
  watchdog.unref()
  try {
    for (const [specifier, entry] of Object.entries(expectedEntry)) {
      const path = resolved(specifier).replaceAll('\\', '/')
      assert.ok(path.endsWith(entry), `${specifier} resolved to ${path}, expected …${entry}`)
    }
    checkErrors(pixii)
    checkAdvanced(pixii, advanced)
    console.log(`test-built (${format}): ok, ${await checkRealCall(pixii, await loadTesting(), watcher)}`)
  } catch (error) {
    console.error(`test-built (${format}): FAILED`)
    console.error(error)
    process.exitCode = 1
  } finally {
    finished = true
    clearTimeout(watchdog)
  }
}

module.exports = { runSmokeTest }
