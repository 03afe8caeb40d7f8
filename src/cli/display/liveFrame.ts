import { interval, type SchedulerLike } from 'rxjs'
import type { CliOutput } from '../CliIo.js'
import { terminalFrame } from './terminalFrame.js'

/** What a live block is drawn for: the terminal's size, the ticks so far, and whether this draw is its last. */
export interface FrameView {
  /** Columns a line may take: one less than the terminal's, so that none reaches the last column. */
  readonly width: number
  /** The terminal's rows. */
  readonly height: number
  /** Ticks of the timer so far (a spinner's frame). */
  readonly tick: number
  /** The draw that stays on screen: nothing moves after it. */
  readonly last: boolean
}

/** A block kept live at the bottom of a terminal, as {@link liveFrame} makes it. */
export interface LiveFrame {
  /** Draws the block now (something it shows has changed); nothing once stopped. */
  redraw(): void
  /** Draws the block a last time and leaves it on screen; the timer and the resize listener go. */
  stop(): void
}

/**
 * The part every live display of the CLI shares: the lines of `compose` drawn in place by a
 * terminal frame, on `redraw`, every `everyMs` on `scheduler` and when the terminal is resized (the
 * frame first counts the rows the old lines now take). A pseudo-terminal without a size (under
 * `script` or some CI runners) reports 0: 80×24 then.
 *
 * @example
 * ```ts
 * import { VirtualTimeScheduler } from 'rxjs'
 * import { liveFrame } from './liveFrame.js'
 * const scheduler = new VirtualTimeScheduler()
 * let out = ''
 * const stream = { columns: 20, write: (text: string) => ((out += text), true) }
 * const frame = liveFrame(stream, scheduler, 100, ({ width, tick, last }) => [`${tick} ${last ? 'done' : 'ticking'} (${width})`])
 * scheduler.maxFrames = 250
 * scheduler.flush()
 * frame.stop()
 * console.log(out.replace(/\u001b\[[?\d;]*[A-Za-z]/g, '').split('\r').filter(Boolean))
 * // Output: [ '1 ticking (19)\n', '2 ticking (19)\n', '2 done (19)\n' ]
 * ```
 */
export function liveFrame(stream: CliOutput, scheduler: SchedulerLike, everyMs: number, compose: (view: FrameView) => readonly string[]): LiveFrame {
  const frame = terminalFrame((text) => stream.write(text))
  const columns = (): number => stream.columns || 80
  let tick = 0
  let stopped = false
  const draw = (): void =>
    frame.draw(compose({ width: Math.max(8, columns() - 1), height: stream.rows || 24, tick, last: stopped }))
  const onResize = (): void => {
    frame.resized(columns())
    draw()
  }
  stream.on?.('resize', onResize)
  const ticker = interval(everyMs, scheduler).subscribe(() => {
    tick += 1
    draw()
  })
  return {
    redraw: () => {
      if (!stopped) draw()
    },
    stop: () => {
      if (stopped) return
      stopped = true
      ticker.unsubscribe()
      stream.off?.('resize', onResize)
      draw()
      frame.done()
    },
  }
}
