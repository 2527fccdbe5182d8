/** GET /api/targets through app.request: the configured targets judged per month, and 400s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { seededDb, type Row } from '../queries/golden/seed.ts';

let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  // January: 12 SEV1 incidents acknowledged after 2 min. February: none.
  const incidents: Row[] = Array.from({ length: 12 }, (_, i) => ({
    external_id: `A${i}`, severity: 'SEV1', opened_at: `2026-01-${String(i + 1).padStart(2, '0')}T10:00:00Z`, acknowledged_at: `2026-01-${String(i + 1).padStart(2, '0')}T10:02:00Z`,
  }));
  db = await seededDb({ incidents });
  const config = parseConfig('targets:\n  - { severity: SEV1, target: "90% acknowledged within 5m" }\n  - { severity: SEV1, target: "median(mtta) <= 5m" }\n', null);
  app = createApp({ db, webRoot: null, log: { info() {}, error() {} }, config, now: () => new Date('2026-03-01T00:00:00Z') });
});
afterAll(() => db.close());

describe('GET /api/targets', () => {
  it('answers each target per period with status, interval and sentence', async () => {
    const res = await app.request('/api/targets?grain=month&from=2026-01-01&to=2026-03-01');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.request).toMatchObject({ grain: 'month', from: '2026-01-01', to: '2026-03-01', clock: 'wall' });
    expect(body.targets.map((t: { text: string }) => t.text)).toEqual(['SEV1: 90% acknowledged within 5m', 'SEV1: median(mtta) <= 5m']);
    const [share, median] = body.targets;
    // 12 of 12: Wilson lower 12 / 15.84 = 0.758 < 0.9 → undecided. Median 120 s, interval x(3)..x(10) = 120 s → met.
    expect(share.periods.map((p: { period: string; status: string; n: number }) => [p.period, p.status, p.n])).toEqual([['2026-01-01', 'undecided', 12], ['2026-02-01', 'not enough data', 0]]);
    expect(median.periods[0]).toMatchObject({ status: 'met', value: 120, lower: 120, upper: 120, n: 12 });
    expect(share.periods[0].sentence).toBe('SEV1: 90% acknowledged within 5m: 12 of 12 (100%) in time; 95% interval 75.8%–100% includes 90%: undecided.');
  });

  it('answers 400 listing allowed values', async () => {
    const res = await app.request('/api/targets?grain=fortnight');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Unknown grain "fortnight"; allowed grains: day, week, month, quarter, year.' });
  });
});
