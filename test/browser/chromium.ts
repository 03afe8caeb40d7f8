// Debian's Chromium, driven by playwright-core (which downloads nothing). Every host name but
// 127.0.0.1 fails to resolve inside it, so a page can reach nothing beyond this machine.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

export const chromiumPath = process.env['PIXII_CHROMIUM'] ?? '/usr/bin/chromium'

const flags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
]

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  if (existsSync(chromiumPath)) return undefined
  return `no Chromium at ${chromiumPath}: install it with \`apt-get install -y chromium\` (.ci/run does), or set PIXII_CHROMIUM`
}

/** A headless Chromium with a fresh profile, removed on close. */
export async function launchChromium(): Promise<{ readonly context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'pixii-rx-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    viewport: { width: 1040, height: 760 },
    deviceScaleFactor: 1,
  })
  return {
    context,
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}
