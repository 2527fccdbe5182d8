/**
 * Real headless Chromium (Debian's package) driven by playwright-core. Playwright's own browser
 * download does not work on these machines, so we point it at /usr/bin/chromium; when it is
 * missing the test fails with the command that installs it (test/setup/ensure-chromium.mjs
 * normally installed it before vitest started). A fresh user-data-dir per launch keeps runs
 * independent; the flags keep Chromium off the network it cannot reach here.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.HINDSIGHT_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}; install it with: sudo sh -c 'apt-get update && apt-get install -y chromium'`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'hindsight-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
