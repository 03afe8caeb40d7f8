import { expect } from 'chai'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pngFor } from '../../src/testing/png.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'
import { finished, ndjson, runCli, scratch, startCli } from './support/cliProcess.js'
import { stallingImageHost, type StallingImageHost } from './support/stallingImageHost.js'
import { untilFolderCheck } from '../support/untilFolderCheck.js'


describe('pixii-rx download killed in the middle of its images', () => {
  let host: StallingImageHost
  let sim: Simulator & { url: string }

  before(async () => {
    host = await stallingImageHost()
    sim = await startSimulator({ imageBaseUrl: host.url })
    host.target = sim.url
  })
  after(async () => {
    await host.close()
    await sim.close()
  })

  it('leaves no half-written image under its final name, and a second run completes the set', async () => {
    const id = sim.createJob({ key: sim.testKey, queuedMs: 0, processingMs: 0 })
    const out = scratch('kill')
    const env = { PIXII_BASE_URL: sim.url, PIXII_API_KEY: sim.testKey }
    const child = await startCli(['download', id, '--out', out, '--concurrency', '3'], env)
    const ended = finished(child)

    await host.stalled(3)
    const folder = join(out, id)
    const halfWritten = async (): Promise<boolean> => {
      const parts = (await readdir(folder)).filter((name) => name.endsWith('.part'))
      const sizes = await Promise.all(parts.map(async (name) => (await stat(join(folder, name))).size))
      return parts.length === 3 && sizes.every((size) => size > 0)
    }
    await untilFolderCheck(folder, halfWritten)
    child.kill('SIGKILL')
    expect((await ended).signal).to.equal('SIGKILL')

    const left = await readdir(folder)
    expect(left.filter((name) => !name.endsWith('.part')), 'only temporary files after the kill').to.deep.equal([])
    expect(left).to.have.length(3)

    host.stalling = false
    const rerun = await runCli(['download', id, '--out', out, '--json'], env)
    expect(rerun.code, rerun.stderr).to.equal(0)
    expect(ndjson(rerun.stdout).at(-1)).to.deep.include({ kind: 'summary', images: 7, failedImages: 0 })
    const names = (await readdir(folder)).sort()
    expect(names).to.deep.equal(['ad-01.png', 'ad-02.png', 'ad-03.png', 'ad-04.png', 'ad-05.png', 'ad-06.png', 'ad-07.png', 'manifest.json'])
    for (let n = 1; n <= 7; n += 1) {
      expect((await readFile(join(folder, `ad-0${n}.png`))).equals(pngFor(`/images/${id}/${n}.png`)), `ad-0${n}.png is whole`).to.equal(true)
    }
    expect(sim.imageLog.filter((request) => request.hadAuthorization)).to.have.length(0)
  })
})
