/**
 * The generated SQL of representative requests, snapshotted beside its bound parameters AND run
 * against a real DuckDB (as Evidence does): a snapshot can never bless SQL that does not parse or
 * bind. After a deliberate compiler change, `npx vitest run test/queries/sql-snapshots.test.ts -u`
 * rewrites the files — read the diff before committing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMetricRequest } from '../../queries/compile.ts';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest, type RawMetricRequest } from '../../queries/request.ts';
import { compileSamples } from '../../queries/samples.ts';
import { seededDb } from './golden/seed.ts';

const CONTEXT = defaultContext(new Date('2026-03-01T00:00:00Z'));

const CASES: Record<string, RawMetricRequest> = {
  // No keys: each wall-clock duration is a statement part of its own (WHERE, not FILTER).
  'overview-tiles': { metric: 'mtta,mttr,count', from: '2026-01-01', to: '2026-03-01' },
  'one-duration-no-keys': { metric: 'mttr' },
  'durations-by-severity-month': { metric: 'mtta,mttr,count', by: 'severity', grain: 'month', tz: 'Europe/London', from: '2026-01-01', to: '2026-03-01' },
  'snapshots-by-team-week': { metric: 'backlog,open_age,since_drill', by: 'team', grain: 'week' },
  'timeline-metrics': { metric: 'ttfr,tte,ttfu,cadence,recurrence,after_hours', filter: ['severity=SEV1', 'severity=SEV2'] },
  // With a range, the timeline aggregates read only the incidents the range can keep.
  'timeline-metrics-range': { metric: 'ttfu,cadence', from: '2026-01-01', to: '2026-02-01' },
  'action-items-by-owner': { metric: 'action_items_overdue,action_items_open', by: 'owner', grain: 'quarter' },
  'custom-key-resolved-cohort': { metric: 'mttr,mtbf', by: 'custom.region', cohort: 'resolved', include_drills: 'true' },
  'business-clock-on-hold': { metric: 'mtta,mttr,count', by: 'severity', grain: 'month', clock: 'business', exclude_on_hold: 'true' },
  'wall-clock-on-hold': { metric: 'mttr', exclude_on_hold: 'true' },
  'open-age-business-clock': { metric: 'backlog,open_age,mttr', grain: 'month', clock: 'business' },
};

let db: Database;
beforeAll(async () => {
  db = await seededDb({
    incidents: [
      { external_id: 'A', severity: 'SEV1', team: 't', service: 's', root_cause: 'deploy', opened_at: '2026-01-05T10:00:00Z', acknowledged_at: '2026-01-05T10:05:00Z', resolved_at: '2026-01-06T10:00:00Z', custom: { region: 'eu' } },
      { external_id: 'B', severity: 'SEV2', team: 't', service: 's', root_cause: 'deploy', opened_at: '2026-02-05T10:00:00Z', is_drill: true },
    ],
    events: [
      { external_id: 'A', occurred_at: '2026-01-05T10:10:00Z', kind: 'stakeholder_update' },
      { external_id: 'A', occurred_at: '2026-01-05T11:00:00Z', kind: 'on_hold' },
      { external_id: 'A', occurred_at: '2026-01-05T15:00:00Z', kind: 'resumed' },
    ],
    action_items: [{ item_id: 'I1', external_id: 'A', owner: 'ana', status: 'open', created_at: '2026-01-07T00:00:00Z', due_at: '2026-01-20T00:00:00Z' }],
  });
});
afterAll(() => db.close());

describe('generated SQL', () => {
  for (const [name, raw] of Object.entries(CASES)) {
    it(`${name}: matches its snapshot and runs`, async () => {
      const { request, errors } = parseMetricRequest(raw);
      expect(errors).toEqual([]);
      const compiled = compileMetricRequest(request, CONTEXT);
      expect(compiled.errors).toEqual([]);
      const text = `${compiled.sql}\n\n-- params: ${JSON.stringify(compiled.params)}\n`;
      await expect(text).toMatchFileSnapshot(`./__snapshots__/sql/${name}.sql`);
      const reader = await db.connection.runAndReadAll(compiled.sql, compiled.params);
      const rows = reader.getRowObjectsJson();
      expect(rows.length).toBeGreaterThan(0);
      expect(Object.keys(rows[0]!)).toEqual(compiled.columns.map((column) => column.name));
    });
  }
});

describe('generated samples SQL', () => {
  it('mttr samples by team per week on the business clock: matches its snapshot and runs', async () => {
    const { request } = parseMetricRequest({ metric: 'mttr', by: 'team', grain: 'week', clock: 'business', exclude_on_hold: 'true' });
    const compiled = compileSamples(request, 'mttr', CONTEXT);
    expect(compiled.errors).toEqual([]);
    await expect(`${compiled.sql}\n\n-- params: ${JSON.stringify(compiled.params)}\n`).toMatchFileSnapshot('./__snapshots__/sql/samples-business-clock.sql');
    const rows = (await db.connection.runAndReadAll(compiled.sql, compiled.params)).getRowObjectsJson();
    expect(rows.map((row) => [row.team, row.reached, row.open])).toEqual([['t', true, false]]);
  });
});
