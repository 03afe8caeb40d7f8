import { defer, Observable, type SchedulerLike } from 'rxjs'
import { isPixiiError, type JobEvent, type PixiiClient } from '../src/index.js'
import type { Simulator } from '../src/testing/index.js'
import type { CountingFetch } from './countingFetch.js'
import { watchRecord, type Cut, type WatchRecord } from './WatchRecord.js'
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

/** The wire for job `id` now, as both witnesses see it. */
function markOf(ctx: UnitContext, id: string): Cut {
  return { fetchCalls: ctx.counter.calls(id), fetchesUnanswered: ctx.counter.unanswered(id), logLength: ctx.sim.log.length }
}

/** Notes how the watch of `record` ended in error, and the wire at that moment if its deadline ended it. */
function endInError(ctx: UnitContext, record: WatchRecord, error: unknown): void {
  record.end = 'error'
  record.error = error
  if (isPixiiError(error) && error._tag === 'Timeout' && error.deadline === 'total') record.timedOut = markOf(ctx, record.id)
}

function watchSolo(ctx: UnitContext, record: WatchRecord, plan: CutPlan | undefined): Observable<never> {
  return new Observable<never>((done) => {
    let cutTimer: { unsubscribe(): void } | undefined
    let armed = false
    const cutIn = (ms: number): void => {
      cutTimer = ctx.scheduler.schedule(() => {
        record.cut = markOf(ctx, record.id)
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
        record.ids.push(job.id)
        record.last = job
        if (plan === undefined || armed) return
        armed = true
        if (plan.when === 'timer') cutIn(plan.ms)
        else ctx.onNextRequest.set(record.id, () => cutIn(0))
      },
      error: (error: unknown) => {
        endInError(ctx, record, error)
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

function onEvent(ctx: UnitContext, event: JobEvent): void {
  const record = ctx.records.get(event.id)
  if (record === undefined) return
  if (event.kind === 'error') return endInError(ctx, record, event.error)
  record.statuses.push(event.status)
  record.ids.push(event.kind === 'job' ? event.job.id : event.summary.id)
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
    for (const id of ids) ctx.records.set(id, watchRecord(id, unit.asin))
    return new Observable<never>((done) =>
      ctx.client.watchJobs$(ids.map((id) => ({ id, asin: unit.asin }))).subscribe({
        next: (event) => onEvent(ctx, event),
        error: (error: unknown) => {
          for (const id of ids) {
            const record = ctx.records.get(id)
            if (record !== undefined && record.end === undefined) endInError(ctx, record, error)
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
