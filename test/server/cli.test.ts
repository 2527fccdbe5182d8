/** The real `hindsight` command in a child process: help, import exit codes, metrics, demo. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateIncidents, toCsv } from '../../fixtures/generate.ts';
import { openDatabase } from '../../queries/db.ts';
import { DEMO_CSV, startServer } from '../../server/serve.ts';
import { incidentsFingerprint, tempDir } from '../helpers/db.ts';
import { hindsight } from '../helpers/cli.ts';

const dir = tempDir();
afterAll(() => dir.remove());

async function fingerprint(path: string) {
  const db = await openDatabase(path);
  try {
    return await incidentsFingerprint(db.connection);
  } finally {
    db.close();
  }
}

// Each test starts real child processes (tsx + DuckDB); on a busy 2-core machine that takes seconds.
describe('hindsight CLI', { timeout: 90_000 }, () => {
  it('--help lists the verbs', () => {
    const result = hindsight(['--help']);
    expect(result.code).toBe(0);
    for (const verb of ['serve', 'import', 'metrics', 'demo']) expect(result.stdout).toContain(verb);
  });

  it('imports a file twice with the same rows, and says what happened', async () => {
    const db = dir.path('cli.duckdb');
    const first = hindsight(['import', DEMO_CSV, '--profile', 'generic', '--db', db]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2,000 records, 2,000 new, 0 updated, 0 unchanged');
    const before = await fingerprint(db);
    const second = hindsight(['import', DEMO_CSV, '--profile', 'generic'], { HINDSIGHT_DB: db });
    expect(second.stdout).toContain('2,000 records, 0 new, 0 updated, 2,000 unchanged');
    expect(await fingerprint(db)).toBe(before);
  });

  it('exits 2 with one sentence naming the file and column, and changes nothing', async () => {
    const db = dir.path('cli-bad.duckdb');
    expect(hindsight(['import', DEMO_CSV, '--profile', 'generic', '--db', db]).code).toBe(0);
    const before = await fingerprint(db);
    const bad = dir.path('bad.csv');
    writeFileSync(bad, 'external_id,opened_at\nINC-1,2026-01-01T00:00:00Z\n');
    const result = hindsight(['import', bad, '--profile', 'generic', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`${bad}: missing required column "title" for the generic profile (found: external_id, opened_at; map one with --map column=title).`);
    const missing = hindsight(['import', dir.path('missing.csv'), '--profile', 'generic', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`${dir.path('missing.csv')}: no such file.`);
    expect(await fingerprint(db)).toBe(before);
  });

  it('a missing file never creates a database', () => {
    const db = dir.path('never.duckdb');
    expect(hindsight(['import', dir.path('missing.csv'), '--profile', 'generic', '--db', db]).code).toBe(2);
    expect(existsSync(db)).toBe(false);
  });

  it('metrics prints JSON and rejects unknown names with exit 2', () => {
    const db = dir.path('cli.duckdb');
    const ok = hindsight(['metrics', '--metric', 'count', '--format', 'json', '--db', db]);
    expect(ok.code).toBe(0);
    // The demo CSV holds 2,000 incidents of which 56 are drills (excluded by default).
    expect(JSON.parse(ok.stdout)).toEqual([{ count: 1944, count_n: 1944 }]);
    const bad = hindsight(['metrics', '--metric', 'uptime', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('Unknown metric "uptime"; allowed metrics: count, mtta, mttr, ttfr, mttd, mttm, tte, ttfu, mtbf, reopen, resolution_success, escalation, after_hours, review_coverage, recurrence, cadence, reassignments, backlog, open_age, since_drill, action_items, action_items_overdue, action_items_on_time, action_items_open.');
  });

  it('demo writes the seeded CSV byte for byte, or loads it into a database', async () => {
    const out = dir.path('demo.csv');
    expect(hindsight(['demo', '--incidents', '50', '--seed', '7', '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(toCsv(generateIncidents({ incidents: 50, seed: 7 })));
    const db = dir.path('demo.duckdb');
    const loaded = hindsight(['demo', '--incidents', '50', '--seed', '7', '--db', db]);
    expect(loaded.code).toBe(0);
    expect((await fingerprint(db)).startsWith('50:')).toBe(true);
    expect(hindsight(['demo', '--out', out, '--db', db]).code).toBe(2);
  });

  it('says in one sentence that the server holds the database, instead of a raw lock error', async () => {
    const db = dir.path('held.duckdb');
    const server = await startServer({ dbPath: db, port: 0, log: { info: () => {}, error: () => {} } });
    try {
      const result = hindsight(['import', DEMO_CSV, '--profile', 'generic', '--db', db]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`The database ${db} is held by another process (is \`hindsight serve\` running?); stop it or use --db to choose another file.`);
    } finally {
      await server.close();
    }
  });

  it('applies hindsight.yaml severity and status words to an import', async () => {
    const db = dir.path('scheme.duckdb');
    const config = dir.path('hindsight.yaml');
    writeFileSync(config, 'severity:\n  major: 1\nstatus:\n  parked: on_hold\n');
    const csv = dir.path('scheme.csv');
    writeFileSync(csv, 'external_id,title,opened_at,severity,status\nS-1,x,2026-01-01T00:00:00Z,Major,Parked\n');
    const result = hindsight(['import', csv, '--profile', 'generic', '--config', config, '--db', db]);
    expect(result.stderr).toBe('');
    const opened = await openDatabase(db);
    try {
      const rows = await opened.connection.runAndReadAll('SELECT severity, status, quality_flags FROM incidents');
      expect(rows.getRowObjectsJson()).toEqual([{ severity: 'SEV1', status: 'on_hold', quality_flags: [] }]);
    } finally {
      opened.close();
    }
  });
});
