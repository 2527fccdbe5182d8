/**
 * The Sources page in real headless Chromium against the real server, whose scheduled syncs
 * pull from the fake ServiceNow on 127.0.0.1: the freshness table shows each source's last
 * success, lag, synced-through time, schedule and next sync, and the failing source's error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseConfig } from '../../server/config.ts';
import type { SchedulerEvent } from '../../server/scheduler/scheduler.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { ensureWebBuilt } from '../../web/build-if-needed.ts';
import { servicenowRecords } from '../fakes/records/servicenow.ts';
import { startFake, type RunningFake } from '../fakes/serve.ts';
import { createServiceNowFake } from '../fakes/servicenow.ts';
import { launchChromium, type Browser } from '../helpers/browser.ts';
import { tempDir } from '../helpers/db.ts';
import { screenshot, waitState } from './demo-server.ts';

const ENV = { SN_USER: 'hindsight.sync', SN_PASSWORD: 'pa55-word', SN_WRONG: 'nope' };
const dir = tempDir('hindsight-e2e-sources-');
const events: SchedulerEvent[] = [];
let vendor: RunningFake;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureWebBuilt();
  vendor = await startFake(createServiceNowFake(servicenowRecords(), { user: ENV.SN_USER, password: ENV.SN_PASSWORD }).app);
  const config = parseConfig([
    'calendar: { tz: Europe/London }',
    'sources:',
    `  - { name: itsm, type: servicenow, base_url: "${vendor.url}", auth: { user_env: SN_USER, token_env: SN_PASSWORD }, schedule: "*/2 * * * * *" }`,
    `  - { name: broken, type: servicenow, base_url: "${vendor.url}", auth: { user_env: SN_USER, token_env: SN_WRONG }, schedule: "*/2 * * * * *" }`,
  ].join('\n'), null);
  server = await startServer({
    dbPath: dir.path('e2e.duckdb'), port: 0, demo: false, log: { info: () => {}, error: () => {} }, config,
    schedule: { env: ENV, onEvent: (event) => void events.push(event) },
  });
  browser = await launchChromium();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await vendor?.close();
  dir.remove();
});

describe('Sources page', () => {
  it('shows lag, synced-through time, schedule and next sync per source, and a failing source\'s error', async () => {
    await expect.poll(() => events.some((e) => e.kind === 'finished' && e.job === 'sync:itsm') && events.some((e) => e.kind === 'failed' && e.job === 'sync:broken'), { timeout: 30_000 }).toBe(true);
    await page.goto(`${server.url}/sources`);
    await waitState(page, 'sources');
    const cells = async (source: string) => page.getByTestId('freshness').locator('tr', { has: page.locator(`td:first-child:text-is("${source}")`) }).locator('td').allInnerTexts();
    const itsm = await cells('itsm');
    expect(itsm[0]).toBe('itsm');
    expect(itsm[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/); // last success
    expect(itsm[2]).toMatch(/^\d+s$/); // lag: seconds, the sync just ran
    expect(itsm[3]).toBe('2024-03-08 09:00'); // the newest sys_updated_on of the fake's records
    expect(itsm[4]).toContain('*/2 * * * * * (Europe/London)');
    expect(itsm[5]).toMatch(/^(\d{4}-\d\d-\d\d \d\d:\d\d|in progress since .*)$/);
    expect(itsm[6]).toBe('—');
    const broken = await cells('broken');
    expect(broken.slice(1, 4)).toEqual(['never', '—', '—']);
    // Its ticks may find it queued behind itsm's sync: then the cell says how many were skipped.
    expect(broken[4]).toMatch(/^\*\/2 \* \* \* \* \* \(Europe\/London\)(\n\d+ ticks? skipped while a sync ran)?$/);
    expect(broken[6]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d: broken: ServiceNow rejected the credentials in SN_USER \/ SN_WRONG \(HTTP 401\); check that the token is valid and may read this data\.$/);
    expect(await page.getByTestId('freshness').locator('tr', { has: page.locator('td:first-child:text-is("broken")') }).locator('td.failed').count()).toBe(1);
    await screenshot(page, 'sources');
  });
});
