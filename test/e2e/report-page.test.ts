/**
 * The Report page in real headless Chromium against the real server with the demo data: the
 * period picker and the global filters decide the report shown (its numbers equal the API's for
 * the same scope), the downloads carry the same period and scope, and a refused period shows the
 * server's one sentence. A screenshot lands in test/e2e/__output__/report.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportUrl, previousPeriod } from '../../web/src/features/report/report-url.ts';
import { DEFAULT_FILTERS } from '../../web/src/lib/filters.ts';
import { claimDelivery, finishDelivery } from '../../queries/deliveries.ts';
import { screenshot, startHarness, waitState, type Harness } from './demo-server.ts';

let h: Harness;
let page: Page;

beforeAll(async () => {
  // A scheduled email that failed: the dashboard must warn about it on every page.
  h = await startHarness({
    prepare: async (connection) => {
      const key = { schedule: 'leadership-monthly', period: '2026-10' };
      await claimDelivery(connection, { ...key, dueAt: new Date('2026-11-01T08:00:00Z'), late: false, recipients: ['cto@example.com'], now: new Date('2026-11-01T08:00:01Z') });
      await finishDelivery(connection, key, 'failed', new Date('2026-11-01T08:10:00Z'), 'Sending failed: connect ECONNREFUSED 127.0.0.1:587');
    },
  });
  page = h.page;
});
afterAll(async () => {
  await h?.close();
});

describe('Report page', () => {
  it('shows the review for the period and the filters\' scope', async () => {
    await page.goto(`${h.server.url}/report?period=2026-10&severity=SEV2`);
    await waitState(page, 'report', ['ready'], 60_000);
    const report = page.frameLocator('iframe');
    await expect(report.locator('h1').textContent()).resolves.toBe('Incident review, October 2026');
    await expect(report.locator('.scope').textContent()).resolves.toContain('Scope: severity = SEV2, drills excluded');
    const metrics = await (await fetch(`${h.server.url}/api/metrics?metric=count&from=2026-10-01&to=2026-11-01&filter=severity=SEV2`)).json();
    const count = metrics.rows[0].count as number;
    expect(count).toBeGreaterThan(0);
    await expect(report.locator('tr', { hasText: 'Incidents' }).first().locator('td.num').first().textContent()).resolves.toBe(String(count));
    expect(await report.locator('figure svg').count()).toBe(3);
    const pdf = await page.getByRole('link', { name: 'PDF' }).getAttribute('href');
    expect(pdf).toBe('/api/report?period=2026-10&tz=UTC&cohort=opened&include_drills=false&filter=severity%3DSEV2&format=pdf');
    await screenshot(page, 'report');
  });

  it('the period picker changes the period in the URL', async () => {
    await page.getByLabel('Period').selectOption('quarter');
    await page.waitForURL(/period=\d{4}-Q[1-4]/);
    await waitState(page, 'report', ['ready'], 60_000);
    await expect(page.frameLocator('iframe').locator('h1').textContent()).resolves.toMatch(/^Incident review, Q[1-4] \d{4}$/);
  });

  it('an unusable period falls back to last month; a refused scope shows the server\'s sentence', async () => {
    await page.goto(`${h.server.url}/report?period=someday&tz=Mars/Base`);
    expect(await waitState(page, 'report', ['error'], 60_000)).toBe('error');
    await expect(page.getByTestId('report').getByRole('alert').textContent()).resolves.toMatch(/^Unknown time zone "Mars\/Base"/);
  });

  it('warns about a failed summary email', async () => {
    await page.goto(`${h.server.url}/`);
    await expect(page.getByTestId('delivery-warnings').textContent()).resolves.toContain(
      'The summary email leadership-monthly for 2026-10 failed: Sending failed: connect ECONNREFUSED 127.0.0.1:587',
    );
  });

  it('had no page errors', () => {
    expect(h.errors).toEqual([]);
  });
});

describe('report links', () => {
  it('previous whole periods and the API URL', () => {
    expect(previousPeriod('month', '2026-01-15')).toBe('2025-12');
    expect(previousPeriod('quarter', '2026-02-01')).toBe('2025-Q4');
    expect(previousPeriod('quarter', '2026-11-30')).toBe('2026-Q3');
    expect(previousPeriod('year', '2026-11-30')).toBe('2025');
    expect(reportUrl('2026-10', { ...DEFAULT_FILTERS, from: '2026-01-01', clock: 'business', dims: { team: ['a&b'] } }, 'md'))
      .toBe('/api/report?period=2026-10&tz=UTC&cohort=opened&include_drills=false&clock=business&filter=team%3Da%26b&format=md');
  });
});
