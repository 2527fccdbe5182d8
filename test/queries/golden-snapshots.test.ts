/**
 * Golden cases for the state-at-an-instant metrics: open backlog and the age of open incidents
 * at each period end (the current period ends at now), time since each team's last drill, and
 * action items (overdue and on time judged with the injected clock, open at period ends).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMetricRequest } from '../../queries/compile.ts';
import { defaultContext } from '../../queries/compile/context.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import type { Database } from '../../queries/db.ts';
import { pick, rows, seededDb } from './golden/seed.ts';

const NOW = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400;

describe('backlog and open age at period ends', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'B1', opened_at: '2026-01-10T00:00:00Z', resolved_at: '2026-01-20T00:00:00Z' }, // closed within January
        { external_id: 'B2', opened_at: '2026-01-15T00:00:00Z', resolved_at: '2026-02-10T00:00:00Z' }, // open at the end of January
        { external_id: 'B3', opened_at: '2026-01-25T00:00:00Z' }, // still open
        // Resolved at the very instant February ends: periods are half-open, so still open then.
        { external_id: 'B4', opened_at: '2026-02-20T00:00:00Z', resolved_at: '2026-03-01T00:00:00Z' },
        { external_id: 'B5', opened_at: '2026-02-01T00:00:00Z', is_drill: true }, // drills stay out
        { external_id: 'B6', opened_at: '2026-02-02T00:00:00Z', quality_flags: ['maintenance'] }, // announced work: never backlog
      ],
    });
  });
  afterAll(() => db.close());

  it('by month, up to the current period (which ends now)', async () => {
    // End of Jan (1 Feb): B2 aged 17 d, B3 aged 7 d → median 12 d.
    // End of Feb (1 Mar = now): B3 aged 35 d, B4 aged 9 d → median 22 d. March so far ends now too.
    const list = await rows(db, { metric: 'backlog,open_age,count', grain: 'month' }, defaultContext(NOW));
    expect(pick(list, ['period', 'backlog', 'open_age_median', 'open_age_n', 'count'])).toEqual([
      { period: '2026-01-01', backlog: 2, open_age_median: 12 * DAY, open_age_n: 2, count: 3 },
      { period: '2026-02-01', backlog: 2, open_age_median: 22 * DAY, open_age_n: 2, count: 1 },
      { period: '2026-03-01', backlog: 2, open_age_median: 22 * DAY, open_age_n: 2, count: 0 },
    ]);
  });

  it('the injected clock ends the current period early', async () => {
    // Now = 15 Feb: B2 was resolved on the 10th, B4 not yet opened; B3 is 21 days old.
    const list = await rows(db, { metric: 'backlog,open_age', grain: 'month' }, defaultContext(new Date('2026-02-15T00:00:00Z')));
    expect(pick(list, ['period', 'backlog', 'open_age_median'])).toEqual([
      { period: '2026-01-01', backlog: 2, open_age_median: 12 * DAY },
      { period: '2026-02-01', backlog: 1, open_age_median: 21 * DAY },
    ]);
  });

  it('without a grain the instant is `to`, else now', async () => {
    expect(await rows(db, { metric: 'backlog', to: '2026-02-01' }, defaultContext(NOW))).toEqual([{ backlog: 2 }]);
    expect(await rows(db, { metric: 'backlog' }, defaultContext(NOW))).toEqual([{ backlog: 2 }]);
  });
});

describe('time since the last drill, per team', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'D1', team: 'a', opened_at: '2026-01-01T00:00:00Z', is_drill: true },
        { external_id: 'D2', team: 'a', opened_at: '2026-02-01T00:00:00Z', is_drill: true },
        { external_id: 'D3', team: 'b', opened_at: '2025-12-01T00:00:00Z', is_drill: true },
        { external_id: 'R1', team: 'c', opened_at: '2026-01-05T00:00:00Z' }, // team c never drilled
      ],
    });
  });
  afterAll(() => db.close());

  it('is a duration in seconds, not a count', () => {
    expect(compileMetricRequest(parseMetricRequest({ metric: 'since_drill' }).request).formats).toEqual({ since_drill: 'duration', since_drill_n: 'integer' });
  });

  it('at now: a team that never drilled has no value and n 0', async () => {
    expect(await rows(db, { metric: 'since_drill', by: 'team' }, defaultContext(NOW))).toEqual([
      { team: 'a', since_drill: 28 * DAY, since_drill_n: 2 },
      { team: 'b', since_drill: 90 * DAY, since_drill_n: 1 },
      { team: 'c', since_drill: null, since_drill_n: 0 },
    ]);
  });

  it('at each month end; a drill at the very end instant belongs to the next period', async () => {
    const list = await rows(db, { metric: 'since_drill', by: 'team', grain: 'month', from: '2026-01-01', to: '2026-03-01' }, defaultContext(NOW));
    expect(list.filter((row) => row.team !== 'c')).toEqual([
      { period: '2026-01-01', team: 'a', since_drill: 31 * DAY, since_drill_n: 1 },
      { period: '2026-01-01', team: 'b', since_drill: 62 * DAY, since_drill_n: 1 },
      { period: '2026-02-01', team: 'a', since_drill: 28 * DAY, since_drill_n: 2 },
      { period: '2026-02-01', team: 'b', since_drill: 90 * DAY, since_drill_n: 1 },
    ]);
  });
});

describe('action items', () => {
  let db: Database;
  beforeAll(async () => {
    const item = (id: string, status: string, created: string, due: string | null, completed: string | null = null) =>
      ({ item_id: id, external_id: 'INC', owner: id < 'A4' ? 'ana' : 'ben', status, created_at: created, due_at: due, completed_at: completed });
    db = await seededDb({
      incidents: [{ external_id: 'INC', team: 'a', opened_at: '2026-01-01T00:00:00Z' }],
      action_items: [
        item('A1', 'open', '2026-01-10T00:00:00Z', '2026-02-01T00:00:00Z'), // overdue
        item('A2', 'open', '2026-01-12T00:00:00Z', '2026-04-01T00:00:00Z'), // due later
        item('A3', 'done', '2026-01-15T00:00:00Z', '2026-02-01T00:00:00Z', '2026-01-30T00:00:00Z'), // on time
        item('A4', 'done', '2026-01-20T00:00:00Z', '2026-02-01T00:00:00Z', '2026-02-05T00:00:00Z'), // late
        item('A5', 'wont_do', '2026-01-22T00:00:00Z', '2026-01-25T00:00:00Z', '2026-01-24T00:00:00Z'), // dropped: in neither rate
        item('A6', 'open', '2026-02-02T00:00:00Z', null), // no due date: never overdue
        item('A7', 'open', '2026-02-03T00:00:00Z', '2026-02-28T23:59:59Z'), // overdue by now, not on 15 Feb
      ],
    });
  });
  afterAll(() => db.close());

  it('overdue and on-time shares, judged now', async () => {
    // Overdue: A1, A7 of the six not dropped. On time: A3 of A3, A4.
    expect(await rows(db, { metric: 'action_items_overdue' }, defaultContext(NOW))).toEqual([
      { action_items_overdue_rate: 2 / 6, action_items_overdue_count: 2, action_items_overdue_n: 6 },
    ]);
    expect(await rows(db, { metric: 'action_items_on_time,action_items' }, defaultContext(NOW))).toEqual([
      { action_items_on_time_rate: 0.5, action_items_on_time_count: 1, action_items_on_time_n: 2, action_items: 7, action_items_n: 7 },
    ]);
  });

  it('the injected clock decides what is overdue', async () => {
    const [row] = await rows(db, { metric: 'action_items_overdue' }, defaultContext(new Date('2026-02-15T00:00:00Z')));
    expect(row).toEqual({ action_items_overdue_rate: 1 / 6, action_items_overdue_count: 1, action_items_overdue_n: 6 });
  });

  it('open at each month end, by owner', async () => {
    // End of Jan: A1, A2 (ana), A4 (ben, done 5 Feb). End of Feb / now: A1, A2 (ana), A6, A7 (ben).
    expect(await rows(db, { metric: 'action_items_open', grain: 'month', by: 'owner' }, defaultContext(NOW))).toEqual([
      { period: '2026-01-01', owner: 'ana', action_items_open: 2 },
      { period: '2026-01-01', owner: 'ben', action_items_open: 1 },
      { period: '2026-02-01', owner: 'ana', action_items_open: 2 },
      { period: '2026-02-01', owner: 'ben', action_items_open: 2 },
      { period: '2026-03-01', owner: 'ana', action_items_open: 2 },
      { period: '2026-03-01', owner: 'ben', action_items_open: 2 },
    ]);
  });
});
