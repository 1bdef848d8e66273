// Debian's Chromium driven by playwright-core, launched the one way every browser test and benchmark here uses.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/** `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Headless and quiet: no sandbox (CI runs as root), and no background traffic to any host.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why Chromium cannot be launched here, with how to fix it; undefined when it can. */
export function chromiumMissing(): string | undefined {
  const path = chromiumPath();
  return existsSync(path)
    ? undefined
    : `Chromium not found at ${path}. The browser tests use Debian's Chromium: ` +
        'install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).';
}

/** A browser context in a fresh profile; `close()` also removes the profile. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  // Loaded here: every suite imports testkit, and only the browser tests launch Chromium (playwright-core takes about
  // a CPU-second to load).
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'modelspecs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
