// Runs a command in the terminal and reports how it ended: tmux itself does not always reap a
// pane's process in time to say. It writes the child's pid to STATUS.pid at once, then
// {"code","signal"} to STATUS when the child ends, and wakes the test (`tmux wait-for -S died`).
// It then stays until the terminal is closed.
// Ctrl-C reaches this process too (the whole foreground group): it waits for the child instead.
import { execFileSync, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'

const [statusFile, command, ...args] = process.argv.slice(2)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => undefined)
const child = spawn(command, args, { stdio: 'inherit' })
writeFileSync(`${statusFile}.pid`, String(child.pid))
child.on('exit', (code, signal) => {
  writeFileSync(statusFile, JSON.stringify({ code, signal }))
  execFileSync('tmux', ['wait-for', '-S', 'died'])
  // Stay until the terminal is closed: a pane whose process ended gets tmux's "Pane is dead" line,
  // which scrolls the screen the test is about to read.
  try {
    execFileSync('tmux', ['wait-for', 'closed'])
  } finally {
    process.exit(0)
  }
})
