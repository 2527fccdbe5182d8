/**
 * Review coverage's cutoff snapped to the data (queries/review-cutoff.ts): the same incidents as
 * now − window, so the same numbers, and the answer cache reuses them until the next incident's
 * review window closes; trends without snapshots don't depend on the clock at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { withSnappedReviewCutoff } from '../../queries/review-cutoff.ts';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { cacheOf } from '../../server/routes/context.ts';
import { bumpDataVersion } from '../../queries/data-version.ts';
import { seed, seededDb } from '../queries/golden/seed.ts';

let db: Database;
let clock = new Date('2026-03-01T00:00:00Z');
let deps: AppDeps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  // Review window 7 days (the default). A's closed on 2026-02-27T10:00:00.000123, B's closes on
  // 2026-03-02T12:00:00, C's on 2026-03-04T00:00:00. Only A and C were reviewed in time.
  db = await seededDb({ incidents: [
    { external_id: 'A', severity: 'SEV1', opened_at: '2026-02-20T09:00:00Z', resolved_at: '2026-02-20T10:00:00.000123Z', postmortem_done_at: '2026-02-22T10:00:00Z' },
    { external_id: 'B', severity: 'SEV2', opened_at: '2026-02-23T11:00:00Z', resolved_at: '2026-02-23T12:00:00Z' },
    { external_id: 'C', severity: 'SEV1', opened_at: '2026-02-24T23:00:00Z', resolved_at: '2026-02-25T00:00:00Z', postmortem_done_at: '2026-02-26T00:00:00Z' },
    { external_id: 'D', severity: 'SEV3', opened_at: '2026-01-02T00:00:00Z', resolved_at: '2026-01-02T05:00:00Z' },
  ] });
  deps = { db, webRoot: null, log: { info() {}, error() {} }, now: () => clock };
  app = createApp(deps);
});
afterAll(() => db.close());

const coverage = async (query = '') => {
  const res = await app.request(`/api/metrics?metric=review_coverage${query}`);
  expect(res.status).toBe(200);
  const row = (await res.json()).rows[0];
  return { n: row.review_coverage_n, rate: row.review_coverage_rate };
};

describe('the review cutoff snapped to the data', () => {
  it('is the latest resolution at or before now minus the window, to the microsecond', async () => {
    const at = (iso: string) => withSnappedReviewCutoff(db.connection, defaultContext(new Date(iso)));
    // now − 7 d = 2026-02-22T00:00: A (resolved 2026-02-20T10:00:00.000123) is the latest before it.
    expect((await at('2026-03-01T00:00:00Z')).reviewCutoffUs).toBe(Date.parse('2026-02-20T10:00:00Z') * 1000 + 123);
    // Exactly on B's resolution + 7 d: B counts (resolved at or before the cutoff).
    expect((await at('2026-03-02T12:00:00Z')).reviewCutoffUs).toBe(Date.parse('2026-02-23T12:00:00Z') * 1000);
    // Before any window closed: below every instant, so no incident is in n.
    expect((await at('2026-01-05T00:00:00Z')).reviewCutoffUs).toBe(Number.MIN_SAFE_INTEGER);
  });

  it('gives the numbers now − window gives, and the cache reuses them until the next window closes', async () => {
    const cache = cacheOf(deps);
    clock = new Date('2026-03-01T00:00:00Z');
    expect(await coverage()).toEqual({ n: 1, rate: 1 }); // A only (D is SEV3)
    const misses = cache.misses;
    clock = new Date('2026-03-02T11:59:00Z'); // a day and a half later, B's window still open
    expect(await coverage()).toEqual({ n: 1, rate: 1 });
    expect(cache.misses).toBe(misses);
    clock = new Date('2026-03-02T12:00:00Z'); // B's window closes: B is due and was not reviewed
    expect(await coverage()).toEqual({ n: 2, rate: 0.5 });
    expect(cache.misses).toBe(misses + 1);
    expect(await coverage('&filter=severity=SEV1')).toEqual({ n: 1, rate: 1 });
    clock = new Date('2026-03-04T00:00:00Z'); // C's too
    expect(await coverage()).toEqual({ n: 3, rate: 2 / 3 });
    expect(await coverage('&filter=severity=SEV1')).toEqual({ n: 2, rate: 1 });
  });

  it('snaps again when the data changes within the same minute', async () => {
    clock = new Date('2026-03-10T00:00:00Z');
    expect(await coverage()).toEqual({ n: 3, rate: 2 / 3 });
    // E: resolved after C, its window closed on 2026-03-08, never reviewed. The cutoff snapped
    // before it arrived (C's resolution) would leave it out.
    await seed(db.connection, { incidents: [{ external_id: 'E', severity: 'SEV2', opened_at: '2026-02-28T23:00:00Z', resolved_at: '2026-03-01T00:00:00Z' }] });
    await bumpDataVersion(db.connection);
    expect(await coverage()).toEqual({ n: 4, rate: 0.5 });
  });

  it('a trend without snapshots is reused whatever the clock says', async () => {
    const cache = cacheOf(deps);
    clock = new Date('2026-03-05T00:00:00Z');
    const first = await (await app.request('/api/metrics?metric=mttr&grain=month')).json();
    const misses = cache.misses;
    clock = new Date('2026-03-09T17:31:00Z');
    expect(await (await app.request('/api/metrics?metric=mttr&grain=month')).json()).toEqual(first);
    expect(cache.misses).toBe(misses);
    expect(first.rows.map((row: { period: string; mttr_n: number }) => [row.period, row.mttr_n])).toEqual([['2026-01-01', 1], ['2026-02-01', 4]]);
  });
});
