import { isObservable, Observable, type Subscription } from 'rxjs'
import type { PullSource } from './PullSource.js'

interface Pull<A> {
  readonly value: (value: A) => void
  readonly end: () => void
  readonly fail: (error: unknown) => void
}

/** Reads a feed one value at a time, on demand. */
interface Reader<A> {
  pull(into: Pull<A>): void
  close(): void
}

function iterableReader<A>(iterable: Iterable<A>): Reader<A> {
  const iterator = iterable[Symbol.iterator]()
  let done = false
  return {
    pull(into) {
      let step: IteratorResult<A>
      try {
        step = iterator.next()
      } catch (error) {
        done = true
        return into.fail(error)
      }
      if (step.done === true) {
        done = true
        into.end()
      } else into.value(step.value)
    },
    close: () => {
      if (!done) iterator.return?.()
    },
  }
}

function asyncIterableReader<A>(iterable: AsyncIterable<A>): Reader<A> {
  const iterator = iterable[Symbol.asyncIterator]()
  let done = false
  return {
    pull(into) {
      iterator.next().then(
        (step) => {
          if (step.done === true) {
            done = true
            into.end()
          } else into.value(step.value)
        },
        (error: unknown) => {
          done = true
          into.fail(error)
        },
      )
    },
    close: () => {
      if (!done) void iterator.return?.()?.catch(() => undefined)
    },
  }
}

// An Observable cannot be asked to wait: what it pushes ahead of demand is kept, in order.
function observableReader<A>(source: Observable<A>): Reader<A> {
  const ahead: A[] = []
  let head = 0
  let ended: { readonly error: unknown } | 'complete' | undefined
  let waiting: Pull<A> | undefined
  let subscription: Subscription | undefined
  const deliver = (): void => {
    const into = waiting
    if (into === undefined) return
    if (head < ahead.length) {
      waiting = undefined
      const value = ahead[head] as A
      head += 1
      if (head > 1024 && head * 2 > ahead.length) {
        ahead.splice(0, head)
        head = 0
      }
      into.value(value)
    } else if (ended !== undefined) {
      waiting = undefined
      if (ended === 'complete') into.end()
      else into.fail(ended.error)
    }
  }
  return {
    pull(into) {
      waiting = into
      subscription ??= source.subscribe({
        next: (value) => {
          ahead.push(value)
          deliver()
        },
        error: (error: unknown) => {
          ended = { error }
          deliver()
        },
        complete: () => {
          ended = 'complete'
          deliver()
        },
      })
      deliver()
    },
    close: () => subscription?.unsubscribe(),
  }
}

function readerOf<A>(feed: PullSource<A>): Reader<A> {
  if (isObservable(feed)) return observableReader(feed)
  if (Symbol.asyncIterator in feed) return asyncIterableReader(feed)
  return iterableReader(feed)
}

/**
 * Like `mergeMap(project, concurrency)`, but it pulls: the next value of an iterable or async
 * iterable is read only when fewer than `concurrency` projections are running, so an endless
 * input waits on its consumers instead of filling memory. When the input fails, the running
 * projections finish first (their results matter: they may be paid-for jobs), then the error
 * comes. Unsubscribing stops the projections and closes the input (`return()` on an iterator).
 */
export function mergePulled<A, B>(
  feed: PullSource<A>,
  concurrency: number,
  project: (value: A, index: number) => Observable<B>,
): Observable<B> {
  return new Observable<B>((subscriber) => {
    const reader = readerOf(feed)
    let active = 0
    let index = 0
    let pulling = false
    let inputEnded = false
    let inputError: { readonly error: unknown } | undefined
    let pumping = false
    let again = false

    const finishIfDone = (): void => {
      if (subscriber.closed || pulling || active > 0) return
      if (inputError !== undefined) subscriber.error(inputError.error)
      else if (inputEnded) subscriber.complete()
    }
    const start = (value: A): void => {
      active += 1
      const position = index
      index += 1
      subscriber.add(
        project(value, position).subscribe({
          next: (result) => subscriber.next(result),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            active -= 1
            pump()
          },
        }),
      )
    }
    const into: Pull<A> = {
      value: (value) => {
        pulling = false
        if (subscriber.closed) return
        start(value)
        pump()
      },
      end: () => {
        pulling = false
        inputEnded = true
        pump()
      },
      fail: (error) => {
        pulling = false
        inputError = { error }
        pump()
      },
    }
    function pump(): void {
      if (pumping) {
        again = true
        return
      }
      pumping = true
      do {
        again = false
        while (!subscriber.closed && !inputEnded && inputError === undefined && !pulling && active < concurrency) {
          pulling = true
          reader.pull(into)
        }
      } while (again)
      pumping = false
      finishIfDone()
    }

    pump()
    return () => reader.close()
  })
}
