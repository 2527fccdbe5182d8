/**
 * Golden cases for the continuous-improvement rates: post-incident review coverage (window and
 * not-yet-due), recurrence (inside / outside the window, drills and other services apart) and
 * the after-hours share against a business calendar with a weekend and a holiday.
 * The clock is pinned at 2026-03-01T00:00Z; review window 7 days, recurrence window 30 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { rows, seededDb } from './golden/seed.ts';

const NOW = new Date('2026-03-01T00:00:00Z');

describe('post-incident review coverage', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'V1', severity: 'SEV1', opened_at: '2026-02-01T09:00:00Z', resolved_at: '2026-02-01T10:00:00Z', postmortem_done_at: '2026-02-05T10:00:00Z' }, // 4 days: inside
        { external_id: 'V2', severity: 'SEV2', opened_at: '2026-02-01T09:00:00Z', resolved_at: '2026-02-01T10:00:00Z', postmortem_done_at: '2026-02-10T10:00:00Z' }, // 9 days: outside
        { external_id: 'V3', severity: 'SEV1', opened_at: '2026-02-02T09:00:00Z', resolved_at: '2026-02-02T10:00:00Z' }, // never reviewed
        { external_id: 'V4', severity: 'SEV1', opened_at: '2026-02-25T09:00:00Z', resolved_at: '2026-02-25T10:00:00Z', postmortem_done_at: '2026-02-26T10:00:00Z' }, // not yet due
        { external_id: 'V5', severity: 'SEV3', opened_at: '2026-02-01T09:00:00Z', resolved_at: '2026-02-01T10:00:00Z', postmortem_done_at: '2026-02-02T10:00:00Z' }, // SEV3: no review expected
        { external_id: 'V6', severity: 'SEV1', opened_at: '2026-02-01T09:00:00Z' }, // still open
        // Due exactly now, reviewed exactly at the deadline: both boundaries inclusive.
        { external_id: 'V7', severity: 'SEV2', opened_at: '2026-02-21T23:00:00Z', resolved_at: '2026-02-22T00:00:00Z', postmortem_done_at: '2026-03-01T00:00:00Z' },
      ],
    });
  });
  afterAll(() => db.close());

  it('counts due SEV1–2 reviews, inside the window or not; not-yet-due ones wait', async () => {
    // Due: V1 (hit), V2 (late), V3 (missing), V7 (hit at the deadline) → 2 of 4.
    expect(await rows(db, { metric: 'review_coverage' }, defaultContext(NOW))).toEqual([
      { review_coverage_rate: 0.5, review_coverage_count: 2, review_coverage_n: 4 },
    ]);
  });

  it('the window comes from the context (hindsight.yaml reviews.due_within)', async () => {
    // A 10-day window: V2 is now in time, and V7 (resolved 7 days ago) is not yet due.
    const context = { ...defaultContext(NOW), reviewWindowSeconds: 10 * 86_400 };
    expect(await rows(db, { metric: 'review_coverage' }, context)).toEqual([
      { review_coverage_rate: 2 / 3, review_coverage_count: 2, review_coverage_n: 3 },
    ]);
  });
});

describe('recurrence', () => {
  let db: Database;
  beforeAll(async () => {
    const real = (id: string, opened: string, service: string | null, cause: string | null, extra = {}) =>
      ({ external_id: id, opened_at: opened, service, root_cause: cause, ...extra });
    db = await seededDb({
      incidents: [
        real('K1', '2026-01-01T00:00:00Z', 'api', 'deploy'),
        real('K2', '2026-01-31T00:00:00Z', 'api', 'deploy'), // exactly 30 days after K1: a recurrence
        real('K3', '2026-03-05T00:00:00Z', 'api', 'deploy'), // 33 days after K2: not
        real('K5', '2026-01-10T00:00:00Z', 'db', 'deploy'), // same cause, other service: not
        real('K6', '2026-01-05T00:00:00Z', 'api', 'network'), // same service, other cause: not
        real('K8', '2026-03-01T00:00:00Z', 'api', 'deploy', { is_drill: true }), // a drill is no precedent for K3
        real('K9', '2026-01-02T00:00:00Z', 'api', null), // unknown cause: outside the population
      ],
    });
  });
  afterAll(() => db.close());

  it('repeats of the same service and root cause within 30 days, by month', async () => {
    expect(await rows(db, { metric: 'recurrence', grain: 'month' }, defaultContext(NOW))).toEqual([
      { period: '2026-01-01', recurrence_rate: 0.25, recurrence_count: 1, recurrence_n: 4 }, // K1 K2 K5 K6
      { period: '2026-02-01', recurrence_rate: null, recurrence_count: 0, recurrence_n: 0 },
      { period: '2026-03-01', recurrence_rate: 0, recurrence_count: 0, recurrence_n: 1 }, // K3
    ]);
  });

  it('a range keeps precedents from before it: K2 (31 Jan) repeats K1 (1 Jan, outside the range)', async () => {
    // Only the incidents opened before the range minus the window may be left unread: K1 is 30
    // days before K2 and must still be found as its precedent.
    expect(await rows(db, { metric: 'recurrence', from: '2026-01-15', to: '2026-04-01' }, defaultContext(NOW))).toEqual([
      { recurrence_rate: 0.5, recurrence_count: 1, recurrence_n: 2 }, // K2 (a repeat), K3 (not)
    ]);
    expect(await rows(db, { metric: 'recurrence', from: '2026-03-01', to: '2026-04-01' }, defaultContext(NOW))).toEqual([
      { recurrence_rate: 0, recurrence_count: 0, recurrence_n: 1 }, // K3: K2 is 33 days before
    ]);
    // MTBF is never narrowed: K3's previous start in api is K2, 33 days before (the drill K8 is no failure).
    expect(await rows(db, { metric: 'mtbf,recurrence', from: '2026-03-01', to: '2026-04-01', filter: ['root_cause=deploy'] }, defaultContext(NOW))).toEqual([
      expect.objectContaining({ mtbf_median: 33 * 86_400, mtbf_n: 1, recurrence_count: 0, recurrence_n: 1 }),
    ]);
  });

  it('a wider window (recurrence.within: 40d) makes K3 a recurrence', async () => {
    const context = { ...defaultContext(NOW), recurrenceWindowSeconds: 40 * 86_400 };
    expect(await rows(db, { metric: 'recurrence', by: 'root_cause' }, context)).toEqual([
      { root_cause: 'deploy', recurrence_rate: 0.5, recurrence_count: 2, recurrence_n: 4 },
      { root_cause: 'network', recurrence_rate: 0, recurrence_count: 0, recurrence_n: 1 },
      { root_cause: null, recurrence_rate: null, recurrence_count: 0, recurrence_n: 0 },
    ]);
  });
});

describe('after-hours share against a business calendar', () => {
  // London, Mon–Fri 09:00–17:00, Easter Monday 6 April 2026 a holiday. April is BST (UTC+1).
  const LONDON = { tz: 'Europe/London', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: ['2026-04-06'] };
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'H1', opened_at: '2026-04-10T15:30:00Z' }, // Fri 16:30 BST: working hours
        { external_id: 'H2', opened_at: '2026-04-10T16:00:00Z' }, // Fri 17:00 BST: the end is exclusive → after hours
        { external_id: 'H3', opened_at: '2026-04-11T11:00:00Z' }, // Sat 12:00: weekend
        { external_id: 'H4', opened_at: '2026-04-13T07:59:00Z' }, // Mon 08:59: before hours
        { external_id: 'H5', opened_at: '2026-04-13T08:00:00Z' }, // Mon 09:00: working hours
        { external_id: 'H6', opened_at: '2026-04-06T13:00:00Z' }, // Easter Monday 14:00: holiday
        { external_id: 'H7', opened_at: '2026-04-13T08:30:00Z' }, // Mon 09:30 BST (08:30 UTC)
        { external_id: 'H8', opened_at: '2026-04-15T16:30:00Z' }, // Wed 17:30 BST (16:30 UTC)
      ],
    });
  });
  afterAll(() => db.close());

  it('reads weekday, hours and holidays in the calendar zone', async () => {
    // London: H2, H3, H4, H6, H8 → 5 of 8.
    const context = { ...defaultContext(NOW), calendar: LONDON };
    expect(await rows(db, { metric: 'after_hours' }, context)).toEqual([{ after_hours_rate: 5 / 8, after_hours_count: 5, after_hours_n: 8 }]);
  });

  it('the default calendar (UTC, no holidays) judges the same instants differently', async () => {
    // UTC: H3 (Sat), H4 07:59, H5 08:00, H7 08:30 → 4 of 8; H6 and H8 are working time in UTC.
    expect(await rows(db, { metric: 'after_hours' }, defaultContext(NOW))).toEqual([{ after_hours_rate: 0.5, after_hours_count: 4, after_hours_n: 8 }]);
  });
});
