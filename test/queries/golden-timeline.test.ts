/**
 * Golden cases for the metrics read from the timeline (incident_events): first resolution of
 * reopened incidents, time to escalate, stakeholder updates and the communication cadence.
 * Every expected number is worked out beside its data. Default plan: SEV1 30 min, SEV2 60 min.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { pick, rows, seededDb } from './golden/seed.ts';

const at = (time: string, day = '2026-01-05') => `${day}T${time}:00Z`;

describe('reopened incidents: time to first resolution vs MTTR', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        // Reopened twice: first resolved after 30 min, finally after 4 h.
        { external_id: 'R1', severity: 'SEV2', opened_at: at('10:00'), resolved_at: at('14:00'), reopen_count: 2 },
        // Never reopened, no timeline: first resolution = final = 1 h.
        { external_id: 'R2', severity: 'SEV2', opened_at: at('10:00', '2026-01-06'), resolved_at: at('11:00', '2026-01-06') },
        // Resolved after 20 min, reopened, still open: its first resolution still happened.
        { external_id: 'R3', severity: 'SEV2', opened_at: at('10:00', '2026-01-07'), resolved_at: null, reopen_count: 1 },
      ],
      events: [
        { external_id: 'R1', occurred_at: at('10:30'), kind: 'resolved' },
        { external_id: 'R1', occurred_at: at('11:00'), kind: 'reopened' },
        { external_id: 'R1', occurred_at: at('12:00'), kind: 'resolved' },
        { external_id: 'R1', occurred_at: at('13:00'), kind: 'reopened' },
        { external_id: 'R1', occurred_at: at('14:00'), kind: 'resolved' },
        { external_id: 'R3', occurred_at: at('10:20', '2026-01-07'), kind: 'resolved' },
        { external_id: 'R3', occurred_at: at('10:40', '2026-01-07'), kind: 'reopened' },
      ],
    });
  });
  afterAll(() => db.close());

  it('ttfr takes the first resolution, mttr the final one', async () => {
    // ttfr: 1800 (R1), 3600 (R2), 1200 (R3) → median 1800, n 3.
    // mttr: 14400 (R1), 3600 (R2) → median 9000, n 2 (R3 is open).
    const [row] = await rows(db, { metric: 'ttfr,mttr' });
    expect(pick([row!], ['ttfr_median', 'ttfr_n', 'mttr_median', 'mttr_n'])).toEqual([{ ttfr_median: 1800, ttfr_n: 3, mttr_median: 9000, mttr_n: 2 }]);
  });

  it('reopen rate and resolution success count resolved incidents only', async () => {
    // Resolved: R1 (reopened) and R2 (not). R3 is open and outside both.
    const [row] = await rows(db, { metric: 'reopen,resolution_success' });
    expect(row).toEqual({ reopen_rate: 0.5, reopen_count: 1, reopen_n: 2, resolution_success_rate: 0.5, resolution_success_count: 1, resolution_success_n: 2 });
  });
});

describe('escalations from the timeline', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'E1', opened_at: at('10:00'), escalation_count: 2 }, // escalated at +15 min and +45 min
        { external_id: 'E2', opened_at: at('10:00'), escalation_count: 1 }, // escalation stamped before opening: impossible
        { external_id: 'E3', opened_at: at('10:00') }, // never escalated
        { external_id: 'E4', opened_at: at('10:00'), escalation_count: 1 }, // escalated per the count, no timeline
      ],
      events: [
        { external_id: 'E1', occurred_at: at('10:45'), kind: 'escalated', level: 2 },
        { external_id: 'E1', occurred_at: at('10:15'), kind: 'escalated', level: 1 },
        { external_id: 'E2', occurred_at: at('09:50'), kind: 'escalated' },
      ],
    });
  });
  afterAll(() => db.close());

  it('tte is the first escalation; an escalation before opening is out of n', async () => {
    const [row] = await rows(db, { metric: 'tte' });
    expect(pick([row!], ['tte_median', 'tte_mean', 'tte_n'])).toEqual([{ tte_median: 900, tte_mean: 900, tte_n: 1 }]);
  });

  it('the escalation rate reads the count, so incidents without a timeline still count', async () => {
    const [row] = await rows(db, { metric: 'escalation' });
    expect(row).toEqual({ escalation_rate: 0.75, escalation_count: 3, escalation_n: 4 });
  });
});

describe('stakeholder updates: time to first update and cadence', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        // SEV1, plan 30 min. Gaps 10, 25, 25, 20 min: kept.
        { external_id: 'U1', severity: 'SEV1', opened_at: at('10:00'), resolved_at: at('11:20') },
        // SEV1: gaps 20, 40, 10 min: broken (40 > 30).
        { external_id: 'U2', severity: 'SEV1', opened_at: at('10:00'), resolved_at: at('11:10') },
        // SEV2, plan 60 min, no update, resolved after 50 min: the silence never exceeded the plan.
        { external_id: 'U3', severity: 'SEV2', opened_at: at('10:00'), resolved_at: at('10:50') },
        // SEV2: gaps 30, 30 min; the review note two days after resolution is not a gap.
        { external_id: 'U4', severity: 'SEV2', opened_at: at('10:00'), resolved_at: at('11:00') },
        // SEV3: outside the plan, but its first update (5 min) counts for ttfu.
        { external_id: 'U5', severity: 'SEV3', opened_at: at('10:00'), resolved_at: at('12:00') },
        // SEV1 still open: cadence is judged at resolution, so it is not in n yet.
        { external_id: 'U6', severity: 'SEV1', opened_at: at('10:00', '2026-02-27'), resolved_at: null },
      ],
      events: [
        { external_id: 'U1', occurred_at: at('10:10'), kind: 'stakeholder_update' },
        { external_id: 'U1', occurred_at: at('10:35'), kind: 'stakeholder_update' },
        { external_id: 'U1', occurred_at: at('11:00'), kind: 'stakeholder_update' },
        { external_id: 'U2', occurred_at: at('10:20'), kind: 'stakeholder_update' },
        { external_id: 'U2', occurred_at: at('11:00'), kind: 'stakeholder_update' },
        { external_id: 'U4', occurred_at: at('10:30'), kind: 'stakeholder_update' },
        { external_id: 'U4', occurred_at: at('11:00', '2026-01-07'), kind: 'stakeholder_update' },
        { external_id: 'U5', occurred_at: at('10:05'), kind: 'stakeholder_update' },
      ],
    });
  });
  afterAll(() => db.close());

  it('ttfu is the first update after opening', async () => {
    // 300 (U5), 600 (U1), 1200 (U2), 1800 (U4) → median 900, mean 975, n 4.
    const [row] = await rows(db, { metric: 'ttfu' });
    expect(pick([row!], ['ttfu_median', 'ttfu_mean', 'ttfu_n'])).toEqual([{ ttfu_median: 900, ttfu_mean: 975, ttfu_n: 4 }]);
  });

  it('cadence kept and broken per severity of the plan', async () => {
    // SEV1: U1 kept, U2 broken. SEV2: U3 and U4 kept. SEV3 has no plan: n 0.
    const list = await rows(db, { metric: 'cadence', by: 'severity' });
    expect(list).toEqual([
      { severity: 'SEV1', cadence_rate: 0.5, cadence_count: 1, cadence_n: 2 },
      { severity: 'SEV2', cadence_rate: 1, cadence_count: 2, cadence_n: 2 },
      { severity: 'SEV3', cadence_rate: null, cadence_count: 0, cadence_n: 0 },
    ]);
  });
});

describe('counts the source does not record', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        // Recorded: escalated once, never reopened, handed over twice.
        { external_id: 'K1', opened_at: at('10:00'), resolved_at: at('11:00'), escalation_count: 1, reopen_count: 0, reassignment_count: 2 },
        // Recorded zeros.
        { external_id: 'K2', opened_at: at('10:00'), resolved_at: at('11:00'), escalation_count: 0, reopen_count: 0, reassignment_count: 0 },
        // Unknown (a CSV without those columns): in no count's n, and not "never escalated".
        { external_id: 'U1', opened_at: at('10:00'), resolved_at: at('11:00'), escalation_count: null, reopen_count: null, reassignment_count: null },
        { external_id: 'U2', opened_at: at('10:00'), resolved_at: at('11:00'), escalation_count: null, reopen_count: null, reassignment_count: null },
      ],
    });
  });
  afterAll(() => db.close());

  it('leaves unknown counts out of n: escalation 1 of 2, reopen 0 of 2, reassignments mean (2 + 0) / 2', async () => {
    const [row] = await rows(db, { metric: 'escalation,reopen,resolution_success,reassignments,count' });
    expect(row).toEqual({
      escalation_rate: 0.5, escalation_count: 1, escalation_n: 2,
      reopen_rate: 0, reopen_count: 0, reopen_n: 2,
      resolution_success_rate: 1, resolution_success_count: 2, resolution_success_n: 2,
      reassignments_mean: 1, reassignments_n: 2,
      count: 4, count_n: 4,
    });
  });
});
