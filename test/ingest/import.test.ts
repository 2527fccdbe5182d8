/** The generic CSV import into a real DuckDB file: upsert, flags, and bad input left outside. */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../queries/db.ts';
import { isInputError } from '../../queries/errors.ts';
import { importFile } from '../../ingest/import-file.ts';
import { DEMO_CSV } from '../../server/serve.ts';
import { incidentsFingerprint, tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());
const NOW = () => new Date('2026-11-30T12:00:00Z');
const HEADER = 'external_id,title,severity,opened_at,acknowledged_at,resolved_at,is_drill,region';

let db: Database;
let n = 0;
beforeEach(async () => {
  db = await openDatabase(dir.path(`import-${++n}.duckdb`));
});
afterEach(() => db.close());

function csv(name: string, lines: string[]): string {
  const file = dir.path(name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function all(sql: string) {
  return (await db.connection.runAndReadAll(sql)).getRowObjectsJson();
}

describe('hindsight import --profile generic', () => {
  it('imports the demo CSV, and importing it again leaves the same rows', async () => {
    const first = await importFile(db.connection, { file: DEMO_CSV, profile: 'generic', source: 'demo', now: NOW });
    expect(first).toMatchObject({ records: 2000, inserted: 2000, updated: 0, unchanged: 0, duplicates: 0 });
    const before = await incidentsFingerprint(db.connection);
    const second = await importFile(db.connection, { file: DEMO_CSV, profile: 'generic', source: 'demo', now: () => new Date('2026-12-01T00:00:00Z') });
    expect(second).toMatchObject({ records: 2000, inserted: 0, updated: 0, unchanged: 2000 });
    expect(await incidentsFingerprint(db.connection)).toBe(before);
  });

  it('types every column and keeps unmapped ones in custom and the whole row in raw', async () => {
    const file = csv('typed.csv', [HEADER, 'INC-1,"Disk full, again",SEV2,2026-03-01T10:00:00Z,2026-03-01T10:05:00Z,2026-03-01T12:00:00Z,false,eu-west']);
    await importFile(db.connection, { file, profile: 'generic', now: NOW });
    expect(await all(`SELECT source, external_id, title, severity, severity_rank, is_drill, CAST(opened_at AS VARCHAR) AS opened_at,
      epoch(resolved_at) - epoch(opened_at) AS ttr, custom, raw->>'title' AS raw_title, quality_flags, CAST(imported_at AS VARCHAR) AS imported_at FROM incidents`)).toEqual([
      { source: 'generic', external_id: 'INC-1', title: 'Disk full, again', severity: 'SEV2', severity_rank: 2, is_drill: false,
        opened_at: '2026-03-01 10:00:00+00', ttr: 7200, custom: '{"region":"eu-west"}', raw_title: 'Disk full, again', quality_flags: [],
        imported_at: '2026-11-30 12:00:00+00' },
    ]);
  });

  it('stores a count the file does not give as unknown (NULL), not as 0', async () => {
    const withCounts = csv('counts.csv', ['external_id,title,opened_at,escalation_count,reopen_count', 'C-1,a,2026-03-01T10:00:00Z,0,2', 'C-2,b,2026-03-01T11:00:00Z,,1']);
    await importFile(db.connection, { file: withCounts, profile: 'generic', source: 'counted', now: NOW });
    const without = csv('no-counts.csv', ['external_id,title,opened_at', 'N-1,c,2026-03-01T10:00:00Z']);
    await importFile(db.connection, { file: without, profile: 'generic', source: 'plain', now: NOW });
    expect(await all('SELECT external_id, escalation_count, reopen_count, reassignment_count FROM incidents ORDER BY 1')).toEqual([
      { external_id: 'C-1', escalation_count: 0, reopen_count: 2, reassignment_count: null },
      { external_id: 'C-2', escalation_count: null, reopen_count: 1, reassignment_count: null },
      { external_id: 'N-1', escalation_count: null, reopen_count: null, reassignment_count: null },
    ]);
  });

  it('reads an Excel-saved CSV: byte-order mark, CRLF, a line break inside quotes, a repeated header', async () => {
    const file = dir.path('excel.csv');
    writeFileSync(file, `\ufeffexternal_id,title,opened_at,region,region\r\nINC-1,"two\r\nlines",2026-03-01T10:00:00Z,eu,west\r\nINC-2,plain,2026-03-02T10:00:00Z,us,east\r\n`);
    const summary = await importFile(db.connection, { file, profile: 'generic', now: NOW });
    expect(summary).toMatchObject({ records: 2, inserted: 2, flagged: 0 });
    expect(await all(`SELECT external_id, title, custom, raw->>'region_1' AS raw_region FROM incidents ORDER BY 1`)).toEqual([
      { external_id: 'INC-1', title: 'two\r\nlines', custom: '{"region":"eu","region_1":"west"}', raw_region: 'west' },
      { external_id: 'INC-2', title: 'plain', custom: '{"region":"us","region_1":"east"}', raw_region: 'east' },
    ]);
  });

  it('updates a changed record in place and keeps its first import time', async () => {
    await importFile(db.connection, { file: csv('v1.csv', [HEADER, 'INC-1,t,SEV3,2026-03-01T10:00:00Z,,,false,x']), profile: 'generic', now: NOW });
    const summary = await importFile(db.connection, {
      file: csv('v2.csv', [HEADER, 'INC-1,t,SEV3,2026-03-01T10:00:00Z,,2026-03-01T11:00:00Z,false,x', 'INC-2,u,SEV4,2026-03-02T10:00:00Z,,,false,x']),
      profile: 'generic', now: () => new Date('2026-12-01T00:00:00Z'),
    });
    expect(summary).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await all(`SELECT external_id, CAST(resolved_at AS VARCHAR) AS r, CAST(imported_at AS VARCHAR) AS i, CAST(updated_at AS VARCHAR) AS u FROM incidents ORDER BY 1`)).toEqual([
      { external_id: 'INC-1', r: '2026-03-01 11:00:00+00', i: '2026-11-30 12:00:00+00', u: '2026-12-01 00:00:00+00' },
      { external_id: 'INC-2', r: null, i: '2026-12-01 00:00:00+00', u: '2026-12-01 00:00:00+00' },
    ]);
  });

  it('rewrites the rows a re-import with a corrected --tz or severity words reads differently, and only those', async () => {
    // Naive times: read in --tz. 10:00 in Berlin on 1 March (CET, UTC+1) is 09:00 UTC.
    const file = csv('naive.csv', [HEADER, 'INC-1,t,Red,2026-03-01 10:00:00,,,false,x', 'INC-2,u,SEV2,2026-03-02 10:00:00,,,false,x']);
    const first = await importFile(db.connection, { file, profile: 'generic', now: NOW });
    expect(first).toMatchObject({ inserted: 2, flagged: 1, flags: { unknown_severity: 1 } });
    const corrected = await importFile(db.connection, { file, profile: 'generic', tz: 'Europe/Berlin', now: () => new Date('2026-12-01T00:00:00Z') });
    expect(corrected).toMatchObject({ inserted: 0, updated: 2, unchanged: 0 });
    const rows = () => all(`SELECT external_id, severity_rank, quality_flags, CAST(opened_at AS VARCHAR) AS o, CAST(imported_at AS VARCHAR) AS i,
      CAST(updated_at AS VARCHAR) AS u FROM incidents ORDER BY 1`);
    expect(await rows()).toEqual([
      { external_id: 'INC-1', severity_rank: null, quality_flags: ['unknown_severity'], o: '2026-03-01 09:00:00+00', i: '2026-11-30 12:00:00+00', u: '2026-12-01 00:00:00+00' },
      { external_id: 'INC-2', severity_rank: 2, quality_flags: [], o: '2026-03-02 09:00:00+00', i: '2026-11-30 12:00:00+00', u: '2026-12-01 00:00:00+00' },
    ]);
    // The same options again: nothing to correct, nothing rewritten.
    const again = await importFile(db.connection, { file, profile: 'generic', tz: 'Europe/Berlin', now: () => new Date('2026-12-02T00:00:00Z') });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    // hindsight.yaml now says what "Red" means: only INC-1 reads differently.
    const named = await importFile(db.connection, {
      file, profile: 'generic', tz: 'Europe/Berlin', scheme: { severity: { red: 1 } }, now: () => new Date('2026-12-03T00:00:00Z'),
    });
    expect(named).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, flagged: 0 });
    expect(await rows()).toEqual([
      { external_id: 'INC-1', severity_rank: 1, quality_flags: [], o: '2026-03-01 09:00:00+00', i: '2026-11-30 12:00:00+00', u: '2026-12-03 00:00:00+00' },
      { external_id: 'INC-2', severity_rank: 2, quality_flags: [], o: '2026-03-02 09:00:00+00', i: '2026-11-30 12:00:00+00', u: '2026-12-01 00:00:00+00' },
    ]);
  });

  it('keeps, flags and counts records it cannot fully use', async () => {
    const file = csv('flags.csv', [
      HEADER,
      'INC-1,bad date,SEV1,yesterday,,,false,x',
      'INC-2,backwards,SEV1,2026-03-01T10:00:00Z,,2026-03-01T09:00:00Z,maybe,x',
      ',no id,SEV2,2026-03-01T10:00:00Z,,,false,x',
      'INC-4,no date,SEV1,,,,false,x',
      'INC-3,first copy,SEV3,2026-03-01T10:00:00Z,,,false,x',
      'INC-3,second copy,SEV3,2026-03-01T10:00:00Z,,,false,x',
    ]);
    const summary = await importFile(db.connection, { file, profile: 'generic', now: NOW });
    expect(summary).toMatchObject({
      records: 6, inserted: 5, duplicates: 1, flagged: 4,
      flags: { invalid_opened_at: 1, missing_opened_at: 1, invalid_is_drill: 1, resolved_before_opened: 1, missing_external_id: 1 },
    });
    const rows = await all(`SELECT title, quality_flags, starts_with(external_id, 'missing-id:') AS derived FROM incidents ORDER BY title`);
    expect(rows).toEqual([
      { title: 'backwards', quality_flags: ['invalid_is_drill', 'resolved_before_opened'], derived: false },
      { title: 'bad date', quality_flags: ['invalid_opened_at'], derived: false },
      { title: 'no date', quality_flags: ['missing_opened_at'], derived: false },
      { title: 'no id', quality_flags: ['missing_external_id'], derived: true },
      { title: 'second copy', quality_flags: [], derived: false },
    ]);
  });
});

describe('bad input leaves the database exactly as it was', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['a missing file', () => dir.path('nowhere.csv'), /nowhere\.csv: no such file\./],
    ['a file that is not CSV', () => { const f = dir.path('image.png'); writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x10])); return f; }, /image\.png: not a CSV file \(it holds binary data\)\./],
    ['a CSV without a required column', () => csv('no-opened.csv', ['external_id,title,severity', 'INC-9,x,SEV1']), /no-opened\.csv: missing required column "opened_at" for the generic profile/],
    ['a CSV with an unterminated quote', () => csv('quote.csv', [HEADER, 'INC-9,"broken,SEV1,2026-03-01T10:00:00Z,,,false,x']), /quote\.csv.*(unterminated quote|line)/],
  ];
  for (const [name, makeFile, message] of cases) {
    it(`rejects ${name} with one sentence naming the file`, async () => {
      await importFile(db.connection, { file: DEMO_CSV, profile: 'generic', now: NOW });
      const before = await incidentsFingerprint(db.connection);
      const error = await importFile(db.connection, { file: makeFile(), profile: 'generic', now: NOW }).then(() => null, (e: unknown) => e);
      expect(isInputError(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.split('\n')).toHaveLength(1);
      expect(await incidentsFingerprint(db.connection)).toBe(before);
    });
  }

  // The file is read straight into the store (no staged copy), so a fault the header check
  // can't see surfaces while rows are being written: it must still name the line and roll back.
  const late: Array<[string, string, Buffer, RegExp]> = [
    ['an unterminated quote on line 30,002 of 30,002', 'late-quote.csv',
      Buffer.from('INC-LAST,"broken,SEV1,2026-03-01T10:00:00Z,,,false,x\n'), /late-quote\.csv line 30002: .*quote/i],
    ['a byte that is not UTF-8 in an unmapped column on line 30,002', 'late-utf8.csv',
      Buffer.concat([Buffer.from('INC-LAST,t,SEV1,2026-03-01T10:00:00Z,,,false,'), Buffer.from([0xff]), Buffer.from('\n')]), /late-utf8\.csv( line 30002)?: not a UTF-8 CSV file\./],
  ];
  for (const [name, fileName, lastLine, message] of late) {
    it(`rejects ${name}, after 30,000 good rows, and writes none of them`, async () => {
      await importFile(db.connection, { file: DEMO_CSV, profile: 'generic', now: NOW });
      const before = await incidentsFingerprint(db.connection);
      const good = Array.from({ length: 30_000 }, (_, i) => `INC-${i},t,SEV3,2026-03-01T10:00:00Z,,,false,x`);
      const file = dir.path(fileName);
      writeFileSync(file, Buffer.concat([Buffer.from(`${[HEADER, ...good].join('\n')}\n`), lastLine]));
      const error = await importFile(db.connection, { file, profile: 'generic', now: NOW }).then(() => null, (e: unknown) => e);
      expect(isInputError(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.split('\n')).toHaveLength(1);
      expect(await incidentsFingerprint(db.connection)).toBe(before);
    });
  }

  it('rejects an unknown profile with the available ones', async () => {
    await expect(importFile(db.connection, { file: DEMO_CSV, profile: 'remedy' })).rejects.toThrow(/^Unknown profile "remedy"; available profiles: generic(, [a-z]+)*\.$/);
  });
});
