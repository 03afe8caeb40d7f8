/**
 * `pixii-rx/watcher`: watching jobs and nothing else, for bundles where size counts (a page that
 * shows jobs its server submitted). {@link createJobWatcher} takes a client's options and gives its
 * `watchJob$`; a browser bundle of it leaves out submissions, listings and their codecs. The job,
 * option and error types are the root entry's (`pixii-rx`), which adds nothing to a bundle.
 * `serverSentEvents` is the `serverPush` of a client whose `baseUrl` is a `pixii-rx/proxy`.
 * This file only re-exports.
 *
 * @module pixii-rx/watcher
 */

export { createJobWatcher } from '../client/createJobWatcher.js'
export type { JobWatcher } from '../client/JobWatcher.js'
export type { JobWatcherOptions } from '../client/JobWatcherOptions.js'
export { serverSentEvents } from '../watch/serverSentEvents.js'
export type { JobPush, PushedWatch } from '../watch/JobPush.js'
