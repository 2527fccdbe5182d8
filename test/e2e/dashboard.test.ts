/**
 * The dashboard end to end in real headless Chromium against the real server (demo incidents,
 * timelines and action items imported into a fresh DuckDB file): filters change the numbers
 * and the URL; a tile leads to the incident list whose row count is the tile's n; back and
 * forward restore the view; every Explore chart type renders; each page has a screenshot in
 * test/e2e/__output__/. Waits are on data-state attributes, never on arbitrary timeouts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startHarness, waitState, type Harness } from './demo-server.ts';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
});

afterAll(async () => {
  await h?.close();
});

async function api(path: string) {
  const res = await fetch(`${h.server.url}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { rows: Array<Record<string, string | number | null>> };
}

async function tile(id: string) {
  await waitState(page, `kpi-${id}`, ['ready', 'empty']);
  const locator = page.getByTestId(`kpi-${id}`);
  return { value: Number(await locator.getAttribute('data-value')), n: Number(await locator.getAttribute('data-n')) };
}

const url = () => new URL(page.url());

describe('Overview and filters', () => {
  it('shows every tile with its n, the trends and the severity mix', async () => {
    await page.goto(h.server.url);
    for (const id of ['mtta', 'mttr', 'incidents', 'reopen', 'review_coverage', 'escalation']) expect((await tile(id)).n).toBeGreaterThan(0);
    // The demo has no hindsight.yaml, so no targets: the tile says so rather than showing zeros.
    expect(await waitState(page, 'kpi-targets', ['empty', 'ready'])).toBe('empty');
    for (const id of ['overview-trend', 'mttr-trend', 'severity-mix']) await waitState(page, id);
    await screenshot(page, 'overview');
  });

  it('changes the numbers and the URL when a filter changes', async () => {
    const all = await tile('incidents');
    await page.getByTestId('filter-severity').selectOption('SEV1');
    await page.waitForURL(/severity=SEV1/);
    await page.getByTestId('filter-from').fill('2026-01-01');
    await page.waitForURL(/from=2026-01-01/);
    await page.getByTestId('filter-to').fill('2026-07-01');
    await page.waitForURL(/to=2026-07-01/);
    const { rows } = await api('/api/metrics?metric=count,mttr&filter=severity=SEV1&from=2026-01-01&to=2026-07-01');
    await page.waitForFunction((want) => document.querySelector('[data-testid="kpi-incidents"]')?.getAttribute('data-value') === String(want), rows[0]!.count);
    const sev1 = await tile('incidents');
    expect(sev1.value).toBe(rows[0]!.count);
    expect(sev1.value).toBeLessThan(all.value);
    expect((await tile('mttr')).n).toBe(rows[0]!.mttr_n);
    // A six-month range is compared with the six months before it, with GET /api/compare's verdict.
    const compare = (await api('/api/compare?metric=mttr&filter=severity=SEV1&from=2026-01-01&to=2026-07-01')) as unknown as { comparisons: Array<{ rows: Array<{ verdict: string }> }> };
    const verdict = compare.comparisons[0]!.rows[0]!.verdict;
    await page.waitForFunction((want) => document.querySelector('[data-testid="kpi-mttr-change"]')?.getAttribute('data-verdict') === want, verdict);
    expect(await page.getByTestId('kpi-mttr-change').innerText()).toMatch(/vs previous period/);
    // Count and rate tiles carry the engine's verdict too (Poisson counts, two proportions).
    const counted = (await api('/api/compare?metric=count,reopen&filter=severity=SEV1&from=2026-01-01&to=2026-07-01')) as unknown as { comparisons: Array<{ rows: Array<{ verdict: string }> }> };
    for (const [testid, index] of [['kpi-incidents-change', 0], ['kpi-reopen-change', 1]] as const) {
      const want = counted.comparisons[index]!.rows[0]!.verdict;
      expect(['more', 'fewer', 'better', 'worse', 'no detectable change', 'not enough data']).toContain(want);
      await page.waitForFunction(([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-verdict') === v, [testid, want] as const);
    }
    expect(url().searchParams.getAll('severity')).toEqual(['SEV1']);
    await screenshot(page, 'overview-filtered');
  });

  it('opens the incidents behind a tile: same filters, row count = the tile\'s n', async () => {
    const mttr = await tile('mttr');
    await page.getByTestId('kpi-mttr-link').click();
    await page.waitForURL(/\/incidents\?/);
    expect(url().searchParams.get('metric')).toBe('mttr');
    expect(url().searchParams.get('severity')).toBe('SEV1');
    await waitState(page, 'incident-table');
    expect(Number(await page.getByTestId('incident-table').getAttribute('data-rows'))).toBe(mttr.n);
    await screenshot(page, 'incidents');
  });

  it('restores the Overview on back and the list on forward', async () => {
    const listUrl = page.url();
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/');
    expect(url().searchParams.get('from')).toBe('2026-01-01');
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2026-01-01');
    const { rows } = await api('/api/metrics?metric=count&filter=severity=SEV1&from=2026-01-01&to=2026-07-01');
    await page.waitForFunction((want) => document.querySelector('[data-testid="kpi-incidents"]')?.getAttribute('data-value') === String(want), rows[0]!.count);
    await page.goBack(); // before the "to" date was set
    await page.waitForURL((u) => !u.searchParams.has('to') && u.searchParams.get('from') === '2026-01-01');
    await page.goForward();
    await page.goForward();
    await page.waitForURL(listUrl);
    await waitState(page, 'incident-table');
  });

  it('a point on the MTTR chart lists that month and severity', async () => {
    await page.goto(`${h.server.url}/?from=2026-01-01&to=2026-07-01`);
    await waitState(page, 'mttr-trend');
    const point = page.locator('[data-testid="mttr-trend"] a').first();
    await point.click();
    await page.waitForURL(/\/incidents\?/);
    const params = url().searchParams;
    expect(params.get('metric')).toBe('mttr');
    expect(params.getAll('severity')).toHaveLength(1);
    const query = `metric=mttr&from=${params.get('from')}&to=${params.get('to')}&filter=severity=${params.get('severity')}`;
    const { rows } = await api(`/api/metrics?${query}`);
    await waitState(page, 'incident-table');
    expect(Number(await page.getByTestId('incident-table').getAttribute('data-rows'))).toBe(rows[0]!.mttr_n);
  });
});

describe('Incidents', () => {
  it('searches on the server and opens an incident with its timeline and source link', async () => {
    await page.goto(`${h.server.url}/incidents`);
    await waitState(page, 'incident-table');
    await page.getByTestId('incident-search').fill('INC-00004');
    await page.waitForURL(/q=INC-00004/);
    await page.waitForFunction(() => document.querySelector('[data-testid="incident-table"]')?.getAttribute('data-rows') === '1');
    await page.locator('[data-row="0"] a').click();
    await page.waitForURL(/\/incidents\/demo\/INC-00004/);
    await waitState(page, 'incident-detail');
    expect(await page.locator('[data-testid="incident-timeline"] li').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Open in the source system' }).getAttribute('href')).toBe('https://tickets.example.com/browse/INC-00004');
    await screenshot(page, 'incident-detail');
  });
});

describe('Explore', () => {
  const cases = [
    ['line', 'metric=mttr&by=severity', 'svg circle'],
    ['bar', 'metric=count&by=team&grain=quarter', 'svg rect'],
    ['heatmap', 'metric=mtta&by=severity', 'svg rect'],
    ['histogram', 'metric=mttr', 'svg rect'],
    ['cdf', 'metric=mttr', 'svg path'],
    ['survival', 'metric=mttr&by=severity', 'svg path'],
  ] as const;

  it.each(cases)('renders the %s chart', async (chart, query, mark) => {
    await page.goto(`${h.server.url}/explore?${query}${chart === 'line' ? '' : `&chart=${chart}`}`);
    await waitState(page, 'explore-chart');
    expect(await page.getByTestId('explore-chart').getAttribute('data-chart')).toBe(chart);
    expect(await page.locator(`[data-testid="explore-chart"] ${mark}`).count()).toBeGreaterThan(0);
    await screenshot(page, `explore-${chart}`);
  });

  it('says why a chart cannot show a request instead of drawing something else', async () => {
    await page.goto(`${h.server.url}/explore?metric=count&chart=histogram`);
    expect(await waitState(page, 'explore-chart', ['empty', 'ready'])).toBe('empty');
    expect(await page.getByTestId('explore-chart').innerText()).toMatch(/not a duration/);
  });

  it('puts a chart change in the URL, and back restores the chart', async () => {
    await page.goto(`${h.server.url}/explore?metric=mttr`);
    await waitState(page, 'explore-chart');
    await page.getByTestId('explore-chart-bar').check();
    await page.waitForURL(/chart=bar/);
    await waitState(page, 'explore-chart');
    expect(await page.getByTestId('explore-chart').getAttribute('data-chart')).toBe('bar');
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('chart'));
    await page.waitForFunction(() => document.querySelector('[data-testid="explore-chart"]')?.getAttribute('data-chart') === 'line');
    expect(await page.getByTestId('explore-chart-line').isChecked()).toBe(true);
  });
});

describe('The other pages', () => {
  it.each([
    ['drills', '/drills', ['drills-compare', 'drills-by-month']],
    ['follow-ups', '/follow-ups', ['followups-summary', 'review-coverage', 'open-action-items']],
    ['quality', '/quality', ['quality']],
    ['sources', '/sources', ['sources']],
  ] as const)('renders %s', async (name, path, ids) => {
    await page.goto(`${h.server.url}${path}`);
    for (const id of ids) expect(['ready', 'empty']).toContain(await waitState(page, id, ['ready', 'empty']));
    await screenshot(page, name);
  });

  it('renders in the dark theme and at tablet width', async () => {
    await page.goto(h.server.url);
    await page.getByLabel('Theme').selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await waitState(page, 'mttr-trend');
    await screenshot(page, 'overview-dark');
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.reload();
    await waitState(page, 'mttr-trend');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'overview-tablet-dark');
    await page.getByLabel('Theme').selectOption('system');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('had no page errors', () => {
    expect(h.errors).toEqual([]);
  });
});
