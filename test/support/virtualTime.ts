import { VirtualAction, VirtualTimeScheduler } from 'rxjs'
import type { FetchLike } from '../../src/advanced/index.js'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Virtual time for tests whose timers run on an rxjs scheduler while their requests resolve
 * through promises (the in-memory fetch) or real sockets (loopback HTTP). Between two virtual
 * instants it lets real work finish: every request made through {@link VirtualClock.fetch} must
 * have been answered and read before time moves on. Nothing here sleeps on the wall clock.
 */
export class VirtualClock {
  readonly scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY)
  private inFlight = 0

  /** Wraps a fetch so that the clock knows when its requests are done (headers and body). */
  track(inner: FetchLike): FetchLike {
    return async (url, init) => {
      this.inFlight += 1
      let response: Response
      try {
        response = await inner(url, init)
      } catch (error) {
        this.inFlight -= 1
        throw error
      }
      if (response.body === null) {
        this.inFlight -= 1
        return response
      }
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
      response.body
        .pipeTo(writable)
        .catch(() => undefined)
        .finally(() => {
          this.inFlight -= 1
        })
      return new Response(readable, { status: response.status, statusText: response.statusText, headers: response.headers })
    }
  }

  /** Lets promises and sockets progress until no tracked request is in flight. */
  async settle(): Promise<void> {
    for (let turns = 0; turns < 1_000_000; turns += 1) {
      await turn()
      if (this.inFlight === 0) {
        await turn()
        if (this.inFlight === 0) return
      }
    }
    throw new Error(`${this.inFlight} requests never finished`)
  }

  /** Runs every timer due up to `ms` from now, settling real work between them. */
  async advance(ms: number): Promise<void> {
    const target = this.scheduler.now() + ms
    for (;;) {
      await this.settle()
      const next = this.scheduler.actions[0]
      if (next === undefined || next.delay > target) break
      this.scheduler.maxFrames = next.delay
      this.scheduler.flush()
    }
    this.scheduler.frame = Math.max(this.scheduler.frame, target)
  }

  /** Advances until `done()` holds, failing if nothing is scheduled or `limitMs` passes first. */
  async runUntil(done: () => boolean, limitMs = 24 * 3_600_000): Promise<void> {
    const limit = this.scheduler.now() + limitMs
    for (;;) {
      await this.settle()
      if (done()) return
      const next = this.scheduler.actions[0]
      if (next === undefined) throw new Error('nothing scheduled, and the condition does not hold')
      if (next.delay > limit) throw new Error(`the condition did not hold within ${limitMs} ms`)
      this.scheduler.maxFrames = next.delay
      this.scheduler.flush()
    }
  }
}
