/**
 * The real server for the dashboard's browser tests: a fresh DuckDB file in a temp folder,
 * filled through the real importer (the demo incidents, their timelines and action items, or
 * any CSV a test generates), then `startServer` on an ephemeral 127.0.0.1 port, plus headless
 * Chromium with the time zone pinned (UTC) and a page that fails the test on a page error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { importFile } from '../../ingest/import-file.ts';
import { openDatabase } from '../../queries/db.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { ensureWebBuilt } from '../../web/build-if-needed.ts';
import { launchChromium, type Browser } from '../helpers/browser.ts';
import { tempDir } from '../helpers/db.ts';

export const DEMO = (name: string) => fileURLToPath(new URL(`../../fixtures/demo/${name}`, import.meta.url));
export const OUTPUT = fileURLToPath(new URL('./__output__/', import.meta.url));

export interface Harness {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Page errors seen so far (a test asserts none). */
  errors: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Files to import before the server starts; default the demo incidents, timelines and action items. */
  files?: Array<{ file: string; into: 'incidents' | 'events' | 'action_items' }>;
  /** CSV text to write and import as incidents instead of the demo files. */
  incidentsCsv?: string;
  /** Anything else to write into the database before the server starts (e.g. a failed email delivery). */
  prepare?: (connection: import('@duckdb/node-api').DuckDBConnection) => Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = tempDir('hindsight-e2e-');
  const dbPath = dir.path('e2e.duckdb');
  await ensureWebBuilt();
  const files = options.files ?? (options.incidentsCsv !== undefined
    ? [{ file: dir.path('incidents.csv'), into: 'incidents' as const }]
    : [{ file: DEMO('incidents.csv'), into: 'incidents' as const }, { file: DEMO('events.csv'), into: 'events' as const }, { file: DEMO('action_items.csv'), into: 'action_items' as const }]);
  if (options.incidentsCsv !== undefined) writeFileSync(dir.path('incidents.csv'), options.incidentsCsv);
  const db = await openDatabase(dbPath);
  try {
    for (const { file, into } of files) await importFile(db.connection, { file, profile: 'generic', source: 'demo', into });
    await options.prepare?.(db.connection);
  } finally {
    db.close();
  }
  const server = await startServer({ dbPath, port: 0, log: { info: () => {}, error: (m) => console.error(m) } });
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  mkdirSync(OUTPUT, { recursive: true });
  return {
    server, browser, page, errors,
    async close() {
      await browser.close();
      await server.close();
      dir.remove();
    },
  };
}

/** Waits until the element with data-testid has data-state in `states` (never on a timeout alone). */
export async function waitState(page: Page, testid: string, states: string[] = ['ready'], timeout = 20_000): Promise<string> {
  const locator = page.getByTestId(testid).first();
  await locator.waitFor({ state: 'attached', timeout });
  await page.waitForFunction(
    ({ id, want }) => want.includes(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') ?? ''),
    { id: testid, want: states },
    { timeout },
  );
  return (await locator.getAttribute('data-state')) ?? '';
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${OUTPUT}${name}.png`, fullPage: true });
}
