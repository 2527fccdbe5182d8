/**
 * A large CSV's first import plans its dates and counts its ids from its first records, writes,
 * and checks the rest against the stored rows (ingest/first-import.ts). With a sample of three
 * records, every case must end exactly as an import that read the whole file first: same rows,
 * same summary, same errors, nothing written when it stops.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../queries/db.ts';
import { isInputError } from '../../queries/errors.ts';
import { importFile, type ImportOptions, type ImportSummary } from '../../ingest/import-file.ts';
import { incidentsFingerprint, tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());
const NOW = () => new Date('2026-11-30T12:00:00Z');
const HEADER = 'external_id,title,opened_at,resolved_at,region';
const SAMPLE = 3;
const WHOLE = 1_000_000;

let db: Database;
let n = 0;
beforeEach(async () => {
  db = await openDatabase(dir.path(`first-${++n}.duckdb`));
});
afterEach(() => db.close());

function csv(name: string, rows: string[]): string {
  const file = dir.path(name);
  writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
  return file;
}

/** Four plain rows the sample (the first three) sees, then `rest`. */
function file(name: string, rest: string[]): string {
  const first = [1, 2, 3, 4].map((i) => `INC-${i},t${i},2026-03-0${i}T10:00:00Z,2026-03-0${i}T11:00:00Z,eu`);
  return csv(name, [...first, ...rest]);
}

/** Imports `path` into a fresh database with the given sample; the summary (without its run id) and the rows. */
async function importWith(path: string, planSample: number, options: Partial<ImportOptions> = {}): Promise<{ summary: Omit<ImportSummary, 'runId'>; rows: string; runs: unknown[] }> {
  const target = await openDatabase(dir.path(`compare-${++n}.duckdb`));
  try {
    const { runId: _runId, ...summary } = await importFile(target.connection, { file: path, profile: 'generic', now: NOW, planSample, ...options });
    const runs = (await target.connection.runAndReadAll('SELECT status, rows_read, inserted FROM import_runs ORDER BY run_id')).getRowObjectsJson();
    return { summary, rows: await incidentsFingerprint(target.connection), runs };
  } finally {
    target.close();
  }
}

describe('a first import planned from its first records', () => {
  const cases: Array<[string, string[]]> = [
    ['every row like the first ones', ['INC-5,t5,2026-03-05T10:00:00Z,2026-03-05T11:00:00Z,eu']],
    ['a later date in another shape (day-first numbers)', ['INC-5,t5,25/03/2026 10:00,2026-03-05T11:00:00Z,eu', 'INC-6,t6,03/04/2026 10:00,,eu']],
    ['a later date in naive ISO and one in epoch seconds', ['INC-5,t5,2026-03-05 10:00,1772704800,eu']],
    ['a later value that is no date at all', ['INC-5,t5,TBD,2026-03-05T11:00:00Z,eu', 'INC-6,t6,2026-03-06T10:00:00Z,soon,eu']],
    ['a later repeated id (the last one wins)', ['INC-2,t2 again,2026-03-02T10:00:00Z,2026-03-02T12:00:00Z,eu']],
    ['a later record without an id, twice', [',untitled,2026-03-05T10:00:00Z,,eu', ',untitled,2026-03-05T10:00:00Z,,eu']],
    ['a later null marker', ['INC-5,t5,N/A,-,eu']],
  ];
  for (const [name, rest] of cases) {
    it(`ends as a whole-file import when the file has ${name}`, async () => {
      const path = file(`case-${++n}.csv`, rest);
      const sampled = await importWith(path, SAMPLE);
      const whole = await importWith(path, WHOLE);
      expect(sampled).toEqual(whole);
      expect(sampled.summary.records).toBe(4 + rest.length);
    });
  }

  it('ends as a whole-file import when a column empty in the first records fills in later', async () => {
    const path = csv('fills-later.csv', [
      ...[1, 2, 3, 4].map((i) => `INC-${i},t${i},2026-03-0${i}T10:00:00Z,,eu`),
      'INC-5,t5,2026-03-05T10:00:00Z,2026-03-05 11:00,eu', 'INC-6,t6,2026-03-06T10:00:00Z,2026-03-06T11:00:00+01:00,eu',
    ]);
    const sampled = await importWith(path, SAMPLE);
    expect(sampled).toEqual(await importWith(path, WHOLE));
    expect(sampled.summary.flagged).toBe(0);
  });

  it('stops on a day/month order the rest of the file never settles, and writes nothing', async () => {
    const path = file('ambiguous.csv', ['INC-5,t5,03/04/2026 10:00,,eu', 'INC-6,t6,05/06/2026 10:00,,eu']);
    const error = await importFile(db.connection, { file: path, profile: 'generic', now: NOW, planSample: SAMPLE }).then(() => null, (e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(/ambiguous\.csv.*opened_at.*--date-format/);
    expect(await incidentsFingerprint(db.connection)).toBe('0:');
    const runs = (await db.connection.runAndReadAll('SELECT status FROM import_runs')).getRowObjectsJson();
    expect(runs).toEqual([{ status: 'failed' }]);
  });

  // Past the CSV sniffer's sample too (20,480 rows), so the insert is what meets it.
  it('stops on a malformed line past the sample, naming it, and writes nothing', async () => {
    const path = dir.path('late-quote.csv');
    const good = Array.from({ length: 30_000 }, (_, i) => `INC-${i},t,2026-03-01T10:00:00Z,,eu`);
    writeFileSync(path, `${[HEADER, ...good, 'INC-LAST,"broken,2026-03-01T10:00:00Z,,eu'].join('\n')}\n`);
    const error = await importFile(db.connection, { file: path, profile: 'generic', now: NOW, planSample: SAMPLE }).then(() => null, (e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toMatch(/late-quote\.csv line 30002: .*quote/i);
    expect(await incidentsFingerprint(db.connection)).toBe('0:');
  });

  it('re-imports a file first imported from a sample and changes nothing', async () => {
    const path = file('small.csv', []);
    const first = await importFile(db.connection, { file: path, profile: 'generic', now: NOW, planSample: SAMPLE });
    expect(first).toMatchObject({ records: 4, inserted: 4, duplicates: 0 });
    const before = await incidentsFingerprint(db.connection);
    const again = await importFile(db.connection, { file: path, profile: 'generic', now: () => new Date('2026-12-01T00:00:00Z'), planSample: SAMPLE });
    expect(again).toMatchObject({ records: 4, inserted: 0, updated: 0, unchanged: 4 });
    expect(await incidentsFingerprint(db.connection)).toBe(before);
  });
});
