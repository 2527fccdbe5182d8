/** `hindsight export` through the real CLI: the file it writes, its default name, and exit 2 on bad input. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../queries/db.ts';
import { seed } from '../queries/golden/seed.ts';
import { hindsight } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';

const dir = tempDir();
const db = dir.path('cli.duckdb');
afterAll(() => dir.remove());

beforeAll(async () => {
  const database = await openDatabase(db);
  try {
    await seed(database.connection, {
      incidents: Array.from({ length: 6 }, (_, i) => ({
        external_id: `E-${i}`, severity: i < 4 ? 'SEV1' : 'SEV2', opened_at: `2026-10-0${i + 1}T09:00:00Z`, resolved_at: `2026-10-0${i + 1}T10:30:00Z`,
      })),
    });
  } finally {
    database.close();
  }
});

describe('hindsight export', () => {
  it('writes the population of the metric to --out, and parquet readable by DuckDB', async () => {
    const out = dir.path('sev1.csv');
    const result = hindsight(['export', '--metric', 'mttr', '--filter', 'severity=SEV1', '--from', '2026-10-01', '--to', '2026-11-01', '--format', 'csv', '--bom', '--out', out, '--db', db]);
    expect(result.stderr.trim()).toBe(`Wrote 4 incidents to ${out}.`);
    expect(result.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFsource,external_id,')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(5);

    const parquet = dir.path('all.parquet');
    expect(hindsight(['export', '--format', 'parquet', '--out', parquet, '--db', db]).code).toBe(0);
    const database = await openDatabase(':memory:');
    try {
      const n = await database.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${parquet}')`);
      expect(n.getRowObjectsJson()[0]).toEqual({ n: 6 });
    } finally {
      database.close();
    }
  }, 120_000);

  it('names the file for its scope and period without --out; bad input exits 2 with one sentence', () => {
    const result = hindsight(['export', '--metric', 'mttr', '--filter', 'severity=SEV1', '--from', '2026-10-01', '--to', '2026-11-01', '--format', 'xlsx', '--db', db]);
    expect(result.code).toBe(0);
    const file = `${process.cwd()}/hindsight-incidents-mttr-SEV1-2026-10.xlsx`;
    expect(existsSync(file)).toBe(true);
    // The CLI runs in the project root (test/helpers/cli.ts); tidy the file it wrote there.
    rmSync(file);
    const bad = hindsight(['export', '--metric', 'nope', '--format', 'csv', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^Unknown metric "nope"; allowed metrics: .*\.$/);
  }, 120_000);
});
