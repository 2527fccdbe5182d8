/**
 * The walking skeleton end to end: the real server on an ephemeral 127.0.0.1 port, a fresh
 * DuckDB file loaded with the committed demo data, the built dashboard, and headless Chromium.
 * The page must show numbers DuckDB computed from the imported rows: the tiles equal
 * /api/metrics, and the chart draws one point per (month, severity) with a median.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { ensureWebBuilt } from '../../web/build-if-needed.ts';
import { launchChromium, type Browser } from '../helpers/browser.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startServer({ dbPath: dir.path('e2e.duckdb'), port: 0, log: { info: () => {}, error: (m) => console.error(m) } });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  dir.remove();
});

async function api(path: string) {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status).toBe(200);
  return res.json() as Promise<{ rows: Array<Record<string, string | number | null>> }>;
}

async function tile(page: Page, id: string) {
  const locator = page.getByTestId(`kpi-${id}`);
  await expect.poll(() => locator.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
  return {
    value: Number(await locator.getAttribute('data-value')),
    n: Number(await locator.getAttribute('data-n')),
    text: await locator.innerText(),
  };
}

describe('Overview in Chromium', () => {
  it('loaded the demo data into the empty database', () => {
    expect(server.demoLoaded).toBe(true);
    expect(server.incidents).toBe(2000);
  });

  it('shows tiles with the same numbers as /api/metrics', async () => {
    const { rows } = await api('/api/metrics?metric=mtta,mttr,count');
    const expected = rows[0]!;
    expect(expected.count).toBe(1944); // 2,000 demo incidents less 56 drills

    const mtta = await tile(page, 'mtta');
    expect(mtta.value).toBe(expected.mtta_median);
    expect(mtta.n).toBe(expected.mtta_n);
    expect(mtta.text).toContain(`n = ${Number(expected.mtta_n).toLocaleString('en-US')}`);

    const mttr = await tile(page, 'mttr');
    expect(mttr.value).toBe(expected.mttr_median);
    expect(mttr.n).toBe(expected.mttr_n);

    const incidents = await tile(page, 'incidents');
    expect(incidents.value).toBe(1944);
    expect(incidents.text).toContain('1,944');
  });

  it('draws one point per month and severity', async () => {
    const { rows } = await api('/api/metrics?metric=mttr&by=severity&grain=month');
    const withMedian = rows.filter((row) => row.mttr_median !== null);
    // 18 months × 4 severities, less the (month, severity) cells with no resolved incident.
    expect(new Set(withMedian.map((row) => row.period)).size).toBe(18);
    expect(new Set(withMedian.map((row) => row.severity))).toEqual(new Set(['SEV1', 'SEV2', 'SEV3', 'SEV4']));

    const chart = page.getByTestId('mttr-trend');
    await expect.poll(() => chart.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
    expect(await chart.locator('svg circle').count()).toBe(withMedian.length);
  });
});
