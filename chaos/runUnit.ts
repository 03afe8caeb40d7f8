import { defer, Observable, type SchedulerLike } from 'rxjs'
import type { JobEvent, PixiiClient } from '../src/index.js'
import type { Simulator } from '../src/testing/index.js'
import type { CountingFetch } from './countingFetch.js'
import { watchRecord, type WatchRecord } from './WatchRecord.js'
import type { CutPlan, WatchUnit } from './WatchUnit.js'

/** What a chaos run's watches share. */
export interface UnitContext {
  readonly sim: Simulator
  readonly client: PixiiClient
  readonly scheduler: SchedulerLike
  readonly counter: CountingFetch
  /** Where each job's record goes, by id. */
  readonly records: Map<string, WatchRecord>
  /** What to do when the next request for a job has left (the counting fetch calls it once, then forgets it). */
  readonly onNextRequest: Map<string, () => void>
}

function watchSolo(ctx: UnitContext, record: WatchRecord, plan: CutPlan | undefined): Observable<never> {
  return new Observable<never>((done) => {
    let cutTimer: { unsubscribe(): void } | undefined
    let armed = false
    const cutIn = (ms: number): void => {
      cutTimer = ctx.scheduler.schedule(() => {
        record.cut = {
          fetchCalls: ctx.counter.calls(record.id),
          fetchesUnanswered: ctx.counter.unanswered(record.id),
          logLength: ctx.sim.log.length,
        }
        record.end = 'cut'
        subscription.unsubscribe()
        done.complete()
      }, ms)
    }
    const disarm = (): void => {
      cutTimer?.unsubscribe()
      ctx.onNextRequest.delete(record.id)
    }
    const subscription = ctx.client.watchJob$(record.id).subscribe({
      next: (job) => {
        record.statuses.push(job.status)
        record.last = job
        if (plan === undefined || armed) return
        armed = true
        if (plan.when === 'timer') cutIn(plan.ms)
        else ctx.onNextRequest.set(record.id, () => cutIn(0))
      },
      error: (error: unknown) => {
        record.end = 'error'
        record.error = error
        disarm()
        done.complete()
      },
      complete: () => {
        record.end = 'complete'
        disarm()
        done.complete()
      },
    })
    return () => {
      disarm()
      subscription.unsubscribe()
    }
  })
}

function onEvent(records: ReadonlyMap<string, WatchRecord>, event: JobEvent): void {
  const record = records.get(event.id)
  if (record === undefined) return
  if (event.kind === 'error') {
    record.end = 'error'
    record.error = event.error
    return
  }
  record.statuses.push(event.status)
  if (event.kind === 'job') record.last = event.job
}

/**
 * Starts one unit of a chaos run: creates its jobs on the simulator now (so that the watch sees
 * them from their start), then watches them, writing what arrives into `ctx.records`. The
 * returned stream never errors and completes when the watch has ended, one way or another.
 */
export function runUnit$(ctx: UnitContext, unit: WatchUnit): Observable<never> {
  return defer(() => {
    if (unit.kind === 'solo') {
      const record = watchRecord(ctx.sim.createJob({ ...unit.job, key: ctx.sim.testKey }))
      ctx.records.set(record.id, record)
      return watchSolo(ctx, record, unit.cut)
    }
    const ids = unit.jobs.map((job) => ctx.sim.createJob({ ...job, key: ctx.sim.testKey }))
    for (const id of ids) ctx.records.set(id, watchRecord(id))
    return new Observable<never>((done) =>
      ctx.client.watchJobs$(ids.map((id) => ({ id, asin: unit.asin }))).subscribe({
        next: (event) => onEvent(ctx.records, event),
        error: (error: unknown) => {
          for (const id of ids) {
            const record = ctx.records.get(id)
            if (record !== undefined && record.end === undefined) Object.assign(record, { end: 'error', error })
          }
          done.complete()
        },
        complete: () => {
          for (const id of ids) {
            const record = ctx.records.get(id)
            if (record !== undefined && record.end === undefined) record.end = 'complete'
          }
          done.complete()
        },
      }),
    )
  })
}
