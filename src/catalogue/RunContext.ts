import { defer, from, map, type Observable, type SchedulerLike } from 'rxjs'
import type { PixiiClient } from '../client/PixiiClient.js'
import type { Submitter } from '../submit/createSubmitter.js'
import type { DownloadAdsOptions } from '../node/DownloadAdsOptions.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import type { CatalogueStore } from './CatalogueStore.js'
import type { JournalEntry } from './JournalEntry.js'
import { applyEntry, type JournalState, type RowRecord } from './JournalState.js'

/** What every step of a catalogue run works with. */
export interface RunContext {
  readonly store: CatalogueStore
  readonly state: JournalState
  readonly client: PixiiClient
  readonly submitter: Submitter
  readonly scheduler: SchedulerLike
  readonly out: string
  readonly watch: WatchOptions
  readonly downloads: Omit<DownloadAdsOptions, 'dir' | 'scheduler'>
  readonly settleMs: number
  readonly clockSkewMs: number
  readonly resubmitFailed: boolean
  readonly untilBudget: boolean
}

/** Records `entry` durably, then folds it into the run's state: the step goes on only once it would survive a crash. */
export function record$(context: RunContext, entry: JournalEntry): Observable<RowRecord> {
  return defer(() => from(context.store.append(entry))).pipe(map(() => applyEntry(context.state, entry)))
}
