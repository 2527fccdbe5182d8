/** The real `hindsight` command for --config, `targets` and `compare` (child processes, temp files). */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../queries/db.ts';
import { seed, type Row } from '../queries/golden/seed.ts';
import { hindsight } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
const db = dir.path('cli.duckdb');
const config = dir.path('hindsight.yaml');
afterAll(() => dir.remove());

beforeAll(async () => {
  const month = (m: string, first: number): Row[] => Array.from({ length: 12 }, (_, i) => {
    const opened = Date.parse(`2026-${m}-${String(i + 1).padStart(2, '0')}T16:30:00Z`); // 17:30 in London (winter: 16:30 UTC)
    return { external_id: `${m}-${i}`, severity: 'SEV1', opened_at: new Date(opened).toISOString(), acknowledged_at: new Date(opened + 120_000).toISOString(), resolved_at: new Date(opened + (first + i * 60) * 1000).toISOString() };
  });
  const database = await openDatabase(db);
  try {
    await seed(database.connection, { incidents: [...month('01', 7200), ...month('02', 1800)] });
  } finally {
    database.close();
  }
  writeFileSync(config, 'calendar: { tz: Europe/London, hours: "09:00-16:00" }\ntargets:\n  - { severity: SEV1, target: "median(mtta) <= 5m" }\n');
});

const SLOW = 90_000; // each case starts a Node process on a busy machine

describe('hindsight with hindsight.yaml', () => {
  it('metrics reads the calendar from --config; a bad file exits 2 naming the key', () => {
    // Every incident opens at 16:30 UTC = 16:30 GMT. Built-in hours (09:00–17:00) would make only
    // the weekend ones after hours (2 of 7); the file's 09:00–16:00 makes all 7 after hours.
    const ok = hindsight(['metrics', '--metric', 'after_hours', '--from', '2026-01-01', '--to', '2026-01-08', '--config', config, '--format', 'json', '--db', db]);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toEqual([{ after_hours_rate: 1, after_hours_count: 7, after_hours_n: 7 }]);
    const bad = dir.path('bad.yaml');
    writeFileSync(bad, 'targets:\n  - { severity: SEV1, metric: mtta, aggregate: p90, threshold: 5 mins }\n');
    const failed = hindsight(['metrics', '--metric', 'count', '--config', bad, '--db', db]);
    expect(failed.code).toBe(2);
    expect(failed.stderr.trim()).toBe('bad.yaml: targets[0].threshold: "5 mins" is not a duration like 5m, 2h or 1d.');
  }, SLOW);

  it('targets judges the configured targets per month', () => {
    const result = hindsight(['targets', '--grain', 'month', '--config', config, '--format', 'json', '--db', db]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.targets[0].periods.map((p: { period: string; status: string; n: number }) => [p.period, p.status, p.n])).toEqual([['2026-01-01', 'met', 12], ['2026-02-01', 'met', 12]]);
  }, SLOW);

  it('compare prints the sentence', () => {
    const result = hindsight(['compare', '--metric', 'mttr', '--period', '2026-02', '--db', db, '--config', config]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^2026-02-01 to 2026-03-01 \(exclusive\) vs 2026-01-01 to 2026-02-01:\nMTTR 35m30s vs 2h5m30s \(−72%, n = 12 vs 12\): faster/);
  }, SLOW);

  it('compare takes counts and rates; a metric it cannot compare exits 2', () => {
    const result = hindsight(['compare', '--metric', 'count,reopen', '--period', '2026-02', '--db', db, '--config', config]);
    expect(result.stderr).toBe('');
    // 12 in 28 days vs 12 in 31: the same count is 11% more per day, which is noise.
    expect(result.stdout.split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(/^Incidents 12 in 28 days vs 12 in 31 days \(\+11% per day\): no detectable change \(p = 0\.\d+; 95% interval /),
      expect.stringMatching(/^Reopen rate 0% vs 0% \(0 pts, n = 12 vs 12\): no detectable change \(p = 1; /),
    ]);
    const bad = hindsight(['compare', '--metric', 'backlog', '--period', '2026-02', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^compare works on durations, counts and rates; "backlog" is a snapshot metric\. Allowed metrics: count, mtta, /);
  }, SLOW);
});
