/**
 * Reached durations of several metrics in one statement are exactly the reached samples that
 * runSamples gives one metric at a time (samples.ts, golden-tested), on the wall and the
 * business clock: the same incidents, keys and seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { runReachedDurations, compileReachedDurations } from '../../queries/reached-durations.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { runSamples } from '../../queries/samples.ts';
import { seededDb } from './golden/seed.ts';

const CONTEXT = { ...defaultContext(new Date('2026-05-01T00:00:00Z')), calendar: { tz: 'Europe/London', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: ['2026-04-03'] } };

describe('runReachedDurations', () => {
  let db: Database;
  beforeAll(async () => {
    db = await seededDb({
      incidents: [
        { external_id: 'A', severity: 'SEV1', opened_at: '2026-04-02T15:00:00Z', acknowledged_at: '2026-04-02T15:30:00Z', resolved_at: '2026-04-07T09:00:00Z' },
        { external_id: 'B', severity: 'SEV2', opened_at: '2026-04-08T10:00:00Z', acknowledged_at: '2026-04-08T12:00:00Z' }, // still open
        { external_id: 'C', severity: 'SEV2', opened_at: '2026-04-09T10:00:00Z', resolved_at: '2026-04-09T09:00:00Z' }, // resolved before opened
        { external_id: 'D', severity: null, opened_at: '2026-04-10T08:00:00Z' }, // reaches nothing
        { external_id: 'E', severity: 'SEV1', opened_at: '2026-04-11T10:00:00Z', acknowledged_at: '2026-04-11T10:05:00Z', resolved_at: '2026-04-13T10:00:00Z', is_drill: true },
      ],
    });
  });
  afterAll(() => db.close());

  for (const clock of ['wall', 'business'] as const) {
    it(`match runSamples' reached samples on the ${clock} clock`, async () => {
      const { request } = parseMetricRequest({ metric: 'mtta,mttr', by: 'severity', clock });
      const both = await runReachedDurations(db.connection, request, ['mtta', 'mttr'], CONTEXT);
      for (const id of ['mtta', 'mttr']) {
        const one = (await runSamples(db.connection, request, id, CONTEXT)).filter((sample) => sample.reached).map(({ keys, seconds }) => ({ keys, seconds }));
        const sort = (list: Array<{ keys: Record<string, string | null>; seconds: number }>) => [...list].sort((a, b) => a.seconds - b.seconds);
        expect(sort(both.get(id)!)).toEqual(sort(one));
      }
      // By hand on the wall clock: MTTA A 30 min, B 2 h; MTTR A 4 d 18 h (C ends before it starts, E is a drill).
      if (clock === 'wall') {
        expect(both.get('mtta')!.map((d) => d.seconds).sort((a, b) => a - b)).toEqual([1800, 7200]);
        expect(both.get('mttr')).toEqual([{ keys: { severity: 'SEV1' }, seconds: 114 * 3600 }]);
      }
    });
  }

  it('names a metric without per-incident durations', () => {
    expect(compileReachedDurations(parseMetricRequest({ metric: 'count' }).request, ['mtta', 'count']).errors).toEqual(['No per-incident durations for count.']);
  });
});
