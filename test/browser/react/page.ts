// The React test page: job cards on useJob, in a concurrent root, under Strict Mode. The test
// drives it through window.showCards and reads what each render saw from window.renders.
import { createElement, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createPixiiClient, fixedSchedule } from '../../../src/index.js'
import { useJob } from '../../../src/react/index.js'

declare global {
  interface Window {
    /** Every render of every card: the id it was given, and what the hook returned. */
    renders: Array<{ readonly prop: string; readonly seen: string | undefined; readonly status: string }>
    /** Shows one card per id, in order (ids may repeat). */
    showCards(ids: readonly string[]): void
  }
}

// Polls once a minute after the first poll: a card's requests can be counted exactly.
const pixii = createPixiiClient({ baseUrl: '/pixii', schedule: fixedSchedule(60_000) })

function Card({ id }: { readonly id: string }) {
  const { id: seen, job, error, connection, done } = useJob(pixii, id)
  const status = error !== undefined ? 'failed' : (job?.status ?? 'loading')
  window.renders.push({ prop: id, seen, status })
  return createElement('p', { className: 'card', 'data-id': seen, 'data-status': status, 'data-done': String(done) }, `${id}: ${status} (${connection.kind})`)
}

window.renders = []
const root = createRoot(document.getElementById('root') as HTMLElement)
window.showCards = (ids) =>
  root.render(createElement(StrictMode, null, ids.map((id, index) => createElement(Card, { key: index, id }))))
