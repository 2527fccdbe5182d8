/**
 * Golden cases for MTBF per service, drills excluded and included, and the dimensions `drill`,
 * `root_cause` and `custom.<key>` (a key of the incident's custom JSON, bound as a path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { pick, rows, seededDb } from './golden/seed.ts';

const DAY = 86_400;

describe('MTBF per service', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'M1', service: 'api', opened_at: '2026-01-01T00:00:00Z' }, // first in api: no gap
        { external_id: 'M2', service: 'api', opened_at: '2026-01-02T00:00:00Z' }, // 1 day after M1
        { external_id: 'M4', service: 'api', opened_at: '2026-01-03T00:00:00Z', is_drill: true }, // a drill is no failure
        { external_id: 'M5', service: 'api', opened_at: '2026-01-03T12:00:00Z', quality_flags: ['maintenance'] }, // nor is maintenance
        { external_id: 'M3', service: 'api', opened_at: '2026-01-04T00:00:00Z' }, // 2 days after M2
        { external_id: 'N1', service: 'db', opened_at: '2026-01-10T00:00:00Z' },
        { external_id: 'N2', service: 'db', opened_at: '2026-01-10T06:00:00Z' }, // 6 h after N1
        { external_id: 'Z1', service: null, opened_at: '2026-01-11T00:00:00Z' }, // no service: no MTBF
      ],
    });
  });
  afterAll(() => db.close());

  it('gaps between real incidents of the same service', async () => {
    const list = await rows(db, { metric: 'mtbf', by: 'service' });
    expect(pick(list, ['service', 'mtbf_median', 'mtbf_n'])).toEqual([
      { service: 'api', mtbf_median: 1.5 * DAY, mtbf_n: 2 },
      { service: 'db', mtbf_median: 6 * 3600, mtbf_n: 1 },
      { service: null, mtbf_median: null, mtbf_n: 0 },
    ]);
  });

  it('including drills shows them but never makes them failures', async () => {
    const list = await rows(db, { metric: 'mtbf,count', by: 'service', include_drills: 'true' });
    expect(pick(list, ['service', 'mtbf_median', 'mtbf_n', 'count'])).toEqual([
      { service: 'api', mtbf_median: 1.5 * DAY, mtbf_n: 2, count: 4 },
      { service: 'db', mtbf_median: 6 * 3600, mtbf_n: 1, count: 2 },
      { service: null, mtbf_median: null, mtbf_n: 0, count: 1 },
    ]);
  });
});

describe('drills and the drill dimension', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'X1', opened_at: '2026-01-01T00:00:00Z', acknowledged_at: '2026-01-01T00:01:00Z' }, // 60 s
        { external_id: 'X2', opened_at: '2026-01-02T00:00:00Z', acknowledged_at: '2026-01-02T00:03:00Z' }, // 180 s
        { external_id: 'X3', opened_at: '2026-01-03T00:00:00Z', acknowledged_at: '2026-01-03T00:10:00Z', is_drill: true }, // 600 s
      ],
    });
  });
  afterAll(() => db.close());

  it('excluded by default, included on request', async () => {
    expect(pick(await rows(db, { metric: 'mtta,count' }), ['mtta_median', 'mtta_n', 'count'])).toEqual([{ mtta_median: 120, mtta_n: 2, count: 2 }]);
    expect(pick(await rows(db, { metric: 'mtta,count', include_drills: 'true' }), ['mtta_median', 'mtta_n', 'count'])).toEqual([{ mtta_median: 180, mtta_n: 3, count: 3 }]);
  });

  it('by drill compares drills with real incidents side by side (asking for it includes drills)', async () => {
    expect(parseMetricRequest({ metric: 'mtta', by: 'drill' }).request.include_drills).toBe(true);
    expect(pick(await rows(db, { metric: 'mtta', by: 'drill' }), ['drill', 'mtta_median', 'mtta_n'])).toEqual([
      { drill: 'drill', mtta_median: 600, mtta_n: 1 },
      { drill: 'real', mtta_median: 120, mtta_n: 2 },
    ]);
    expect(await rows(db, { metric: 'count', filter: ['drill=drill'] })).toEqual([{ count: 1, count_n: 1 }]);
  });
});

describe('root_cause and custom.<key>', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'C1', opened_at: '2026-01-01T00:00:00Z', root_cause: 'deploy', custom: { region: 'eu', 'cost.centre': 'ops 1' } },
        { external_id: 'C2', opened_at: '2026-01-02T00:00:00Z', root_cause: 'deploy', custom: { region: 'us' } },
        { external_id: 'C3', opened_at: '2026-01-03T00:00:00Z', root_cause: 'network', custom: { region: 'eu', 'cost.centre': 'ops 1' } },
        { external_id: 'C4', opened_at: '2026-01-04T00:00:00Z', root_cause: null, custom: null },
      ],
    });
  });
  afterAll(() => db.close());

  it('root cause, unknown cause last', async () => {
    expect(await rows(db, { metric: 'count', by: 'root_cause' })).toEqual([
      { root_cause: 'deploy', count: 2, count_n: 2 },
      { root_cause: 'network', count: 1, count_n: 1 },
      { root_cause: null, count: 1, count_n: 1 },
    ]);
  });

  it('a custom key as a breakdown and a filter, dots and spaces included', async () => {
    expect(await rows(db, { metric: 'count', by: 'custom.region,root_cause' })).toEqual([
      { 'custom.region': 'eu', root_cause: 'deploy', count: 1, count_n: 1 },
      { 'custom.region': 'eu', root_cause: 'network', count: 1, count_n: 1 },
      { 'custom.region': 'us', root_cause: 'deploy', count: 1, count_n: 1 },
      { 'custom.region': null, root_cause: null, count: 1, count_n: 1 },
    ]);
    expect(await rows(db, { metric: 'count', filter: ['custom.cost.centre=ops 1', 'custom.region=eu'] })).toEqual([{ count: 2, count_n: 2 }]);
  });
});
