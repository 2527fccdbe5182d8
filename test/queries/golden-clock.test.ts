/**
 * Golden cases for the business clock and on-hold exclusion: across a weekend and holidays, across
 * both daylight-saving changes, and with on_hold … resumed intervals (wall and business).
 * Calendar unless said otherwise: London, Mon–Fri 09:00–17:00, Good Friday (3 April 2026) and
 * Easter Monday (6 April) off. April is BST (UTC+1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext, type BusinessCalendar } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { runMetrics } from '../../queries/run.ts';
import { runSamples } from '../../queries/samples.ts';
import { pick, rows, seededDb } from './golden/seed.ts';

const H = 3600;
const LONDON: BusinessCalendar = { tz: 'Europe/London', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: ['2026-04-03', '2026-04-06'] };
const context = (calendar: BusinessCalendar = LONDON) => ({ ...defaultContext(new Date('2026-12-01T00:00:00Z')), calendar });

describe('business hours across a weekend and holidays', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        // Thu 2 Apr 16:00 BST → Tue 7 Apr 10:00 BST: Thu 1 h, Fri holiday, weekend, Mon holiday, Tue 1 h.
        { external_id: 'W1', opened_at: '2026-04-02T15:00:00Z', acknowledged_at: '2026-04-02T15:30:00Z', resolved_at: '2026-04-07T09:00:00Z' },
        // Opened and resolved on a Saturday: no business time at all.
        { external_id: 'W2', opened_at: '2026-04-11T10:00:00Z', acknowledged_at: '2026-04-11T10:05:00Z', resolved_at: '2026-04-11T12:00:00Z' },
      ],
    });
  });
  afterAll(() => db.close());

  it('counts only working hours on the business clock', async () => {
    const business = await rows(db, { metric: 'mttr,mtta', by: 'severity', clock: 'business' }, context());
    // MTTR: W1 2 h, W2 0 → median 1 h. MTTA: W1 30 min (16:00–16:30), W2 0 → median 15 min.
    expect(pick(business, ['mttr_median', 'mttr_n', 'mttr_geomean', 'mtta_median'])).toEqual([{ mttr_median: H, mttr_n: 2, mttr_geomean: 2 * H, mtta_median: 900 }]);
    const wall = await rows(db, { metric: 'mttr' }, context());
    // W1 4 d 18 h = 114 h, W2 2 h → median 58 h.
    expect(wall[0]).toMatchObject({ mttr_median: 58 * H, mttr_n: 2 });
  });

  it('labels and the request echo say which clock', async () => {
    const { request } = parseMetricRequest({ metric: 'mttr,count,open_age', clock: 'business' });
    const result = await runMetrics(db.connection, request, context());
    expect(result.request).toMatchObject({ clock: 'business', exclude_on_hold: false });
    expect(result.metrics.map(({ id, label, clock, clock_label }) => ({ id, label, clock, clock_label }))).toEqual([
      { id: 'mttr', label: 'MTTR (business hours)', clock: 'business', clock_label: 'business hours' },
      { id: 'count', label: 'Incidents', clock: null, clock_label: null },
      // The age of open incidents follows the clock too.
      { id: 'open_age', label: 'Age of open incidents (business hours)', clock: 'business', clock_label: 'business hours' },
    ]);
    // It does not leave on-hold time out, and says so; the time since a drill stays wall clock.
    const held = await runMetrics(db.connection, parseMetricRequest({ metric: 'open_age,since_drill', exclude_on_hold: 'true' }).request, context());
    expect(held.metrics.map(({ label, clock }) => ({ label, clock }))).toEqual([
      { label: 'Age of open incidents (wall clock, on-hold included)', clock: 'wall' },
      { label: 'Time since last drill (wall clock)', clock: 'wall' },
    ]);
  });

  it('per-incident samples follow the clock too', async () => {
    const { request } = parseMetricRequest({ metric: 'mttr', clock: 'business' });
    const samples = await runSamples(db.connection, request, 'mttr', context());
    expect(samples.map((sample) => sample.seconds)).toEqual([0, 2 * H]);
  });
});

describe('age of open incidents on the business clock', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        // Still open. A: Thu 2 Apr 16:00 BST. B: Tue 7 Apr 10:00 BST.
        { external_id: 'A', severity: 'SEV2', opened_at: '2026-04-02T15:00:00Z' },
        { external_id: 'B', severity: 'SEV2', opened_at: '2026-04-07T09:00:00Z' },
        // Resolved: Mon 13 Apr 10:00–13:00 BST, 3 working hours; never open at a period end.
        { external_id: 'C', severity: 'SEV2', opened_at: '2026-04-13T09:00:00Z', resolved_at: '2026-04-13T12:00:00Z' },
      ],
    });
  });
  afterAll(() => db.close());

  it('counts only working hours from opening to the end of the range', async () => {
    // At 8 Apr 00:00 UTC (01:00 BST, before work): A = Thu 1 h + (Fri, Mon holidays; weekend) + Tue 8 h = 9 h;
    // B = Tue 10:00–17:00 = 7 h. Median 8 h. Wall clock: A 5 d 9 h = 129 h, B 15 h → 72 h.
    expect(pick(await rows(db, { metric: 'open_age,backlog', to: '2026-04-08', clock: 'business' }, context()), ['open_age_median', 'open_age_n', 'backlog']))
      .toEqual([{ open_age_median: 8 * H, open_age_n: 2, backlog: 2 }]);
    expect(pick(await rows(db, { metric: 'open_age', to: '2026-04-08' }, context()), ['open_age_median'])).toEqual([{ open_age_median: 72 * H }]);
  });

  it('per period, beside a business duration, with an empty period first', async () => {
    // End of April = 1 May 01:00 BST. After 7 Apr: 8–10, 13–17, 20–24, 27–30 Apr = 17 working days = 136 h.
    // A = 1 + 8 + 136 = 145 h, B = 7 + 136 = 143 h → median 144 h. March ends before either opened.
    const list = await rows(db, { metric: 'open_age,mttr', from: '2026-03-01', to: '2026-05-01', grain: 'month', clock: 'business' }, context());
    expect(pick(list, ['period', 'open_age_median', 'open_age_n', 'mttr_median', 'mttr_n'])).toEqual([
      { period: '2026-03-01', open_age_median: null, open_age_n: 0, mttr_median: null, mttr_n: 0 },
      { period: '2026-04-01', open_age_median: 144 * H, open_age_n: 2, mttr_median: 3 * H, mttr_n: 1 },
    ]);
  });
});

describe('business hours across daylight-saving changes', () => {
  // Every day a working day, 00:00–12:00 local: the window contains the 01:00 change itself.
  const EARLY: BusinessCalendar = { tz: 'Europe/London', workdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '12:00', holidays: [] };
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        // 29 March 00:00 GMT → 30 March 00:00 BST (23:00Z): a 23-hour day whose morning window is 11 h.
        { external_id: 'SPRING', severity: 'SEV1', opened_at: '2026-03-29T00:00:00Z', resolved_at: '2026-03-29T23:00:00Z' },
        // 25 October 00:00 BST (24 Oct 23:00Z) → 26 October 00:00 GMT: 25 hours, morning window 13 h.
        { external_id: 'FALL', severity: 'SEV2', opened_at: '2026-10-24T23:00:00Z', resolved_at: '2026-10-26T00:00:00Z' },
      ],
    });
  });
  afterAll(() => db.close());

  it('a local working window is shorter or longer on the change days; wall clock is elapsed time', async () => {
    expect(pick(await rows(db, { metric: 'mttr', by: 'severity', clock: 'business' }, context(EARLY)), ['severity', 'mttr_median'])).toEqual([
      { severity: 'SEV1', mttr_median: 11 * H }, { severity: 'SEV2', mttr_median: 13 * H },
    ]);
    expect(pick(await rows(db, { metric: 'mttr', by: 'severity' }, context(EARLY)), ['severity', 'mttr_median'])).toEqual([
      { severity: 'SEV1', mttr_median: 23 * H }, { severity: 'SEV2', mttr_median: 25 * H },
    ]);
  });
});

describe('on-hold excluded', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        // Mon 13 Apr 09:00 BST, acknowledged 09:30, on hold 10:00 → Tue 11:00, resolved Tue 12:00.
        { external_id: 'O1', opened_at: '2026-04-13T08:00:00Z', acknowledged_at: '2026-04-13T08:30:00Z', resolved_at: '2026-04-14T11:00:00Z' },
        // On hold twice in a row (one hold), never resumed, resolved later: the rest is on hold.
        { external_id: 'O2', opened_at: '2026-04-15T08:00:00Z', resolved_at: '2026-04-15T12:00:00Z' },
        // No timeline: nothing to exclude. 1 h.
        { external_id: 'O3', opened_at: '2026-04-16T08:00:00Z', resolved_at: '2026-04-16T09:00:00Z' },
      ],
      events: [
        { external_id: 'O1', occurred_at: '2026-04-13T09:00:00Z', kind: 'on_hold' },
        { external_id: 'O1', occurred_at: '2026-04-14T10:00:00Z', kind: 'resumed' },
        { external_id: 'O2', occurred_at: '2026-04-15T09:00:00Z', kind: 'on_hold' },
        { external_id: 'O2', occurred_at: '2026-04-15T10:00:00Z', kind: 'on_hold', ordinal: 1 },
        { external_id: 'O2', occurred_at: '2026-04-15T11:00:00Z', kind: 'resumed' }, // resumes the one hold
        { external_id: 'O2', occurred_at: '2026-04-15T11:30:00Z', kind: 'on_hold' }, // never resumed
      ],
    });
  });
  afterAll(() => db.close());

  const mttr = async (raw: Record<string, string>) => {
    const [row] = await rows(db, { metric: 'mttr,mtta', ...raw, filter: ['source=test'] }, context());
    return { mttr: [row!.mttr_median, row!.mttr_mean], mtta: row!.mtta_median };
  };

  it('wall clock minus holds', async () => {
    // O1: 27 h − 25 h = 2 h. O2: 4 h − (2 h + 30 min) = 1.5 h. O3: 1 h. MTTA (O1 only) is before the hold.
    expect(await mttr({})).toEqual({ mttr: [4 * H, (27 + 4 + 1) * H / 3], mtta: 1800 });
    expect(await mttr({ exclude_on_hold: 'true' })).toEqual({ mttr: [1.5 * H, (2 + 1.5 + 1) * H / 3], mtta: 1800 });
  });

  it('business clock minus the working part of holds', async () => {
    // O1: Mon 09–17 (8 h) + Tue 09–12 (3 h) = 11 h; held Mon 10–17 + Tue 09–11 = 9 h → 2 h.
    // O2 (Wed 09:00–13:00 BST): 4 h, held 10–12 and 12:30–13 → 1.5 h. O3 (Thu 09–10): 1 h.
    expect(await mttr({ clock: 'business' })).toEqual({ mttr: [4 * H, (11 + 4 + 1) * H / 3], mtta: 1800 });
    expect(await mttr({ clock: 'business', exclude_on_hold: 'true' })).toEqual({ mttr: [1.5 * H, (2 + 1.5 + 1) * H / 3], mtta: 1800 });
  });
});
