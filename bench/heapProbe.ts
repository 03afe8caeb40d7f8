// A child process of benchmark 2 that measures heap per idle watched job on its own, with
// --expose-gc, so that nothing the other benchmarks left behind is counted or freed meanwhile.
// It receives the simulator's address, key, ids and the cap, and answers a HeapMeasure.
import { heapPerIdleWatch } from './heapPerIdleWatch.js'
import type { SimulatorReady } from './simulatorServer.js'

process.once('message', (message: { server: SimulatorReady; cap: number }) => {
  heapPerIdleWatch(message.server, message.cap).then(
    (measure) => process.send?.({ measure }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1)),
  )
})
