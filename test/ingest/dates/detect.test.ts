/** Column-wide detection: families, the day/month decision over every row, and its problems. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../queries/db.ts';
import { describeDateProblem, detectColumnFormat, isNaiveIso, naiveIsoPlan, nullIfMarker, nullMarkersValue, timestampSql } from '../../../ingest/dates/index.ts';
import { quoteIdent } from '../../../ingest/sql.ts';
import { COLUMN, memoryDb, parse, stage, TABLE, utc } from './harness.ts';

let db: Database;
beforeAll(async () => {
  db = await memoryDb();
});
afterAll(() => db.close());

describe('day/month order is decided by the whole column', () => {
  it('day-first settled by a later row: 03/04/2026 then 25/04/2026', async () => {
    const parsed = await parse(db, ['03/04/2026 09:15', '05/06/2026', ...Array(50).fill('?'), '25/04/2026 10:00']);
    expect(parsed.plan).toMatchObject({ kind: 'day-first', dayOrder: 'day-first', ambiguous: false, problem: null });
    expect(parsed.plan.counts).toMatchObject({ values: 3, dayFirst: 1, monthFirst: 0 });
    expect(parsed.plan.samples).toMatchObject({ ambiguous: ['03/04/2026 09:15', '05/06/2026'], dayFirst: '25/04/2026 10:00' });
    expect(parsed.utc[0]).toBe(utc('2026-04-03T09:15Z')[0]);
    expect(parsed.utc.at(-1)).toBe(utc('2026-04-25T10:00Z')[0]);
  });

  it('month-first settled: 03/04/2026 then 04/25/2026', async () => {
    const parsed = await parse(db, ['03/04/2026', '04/25/2026 1:00 PM']);
    expect(parsed.plan).toMatchObject({ kind: 'month-first', dayOrder: 'month-first', problem: null });
    expect(parsed.utc).toEqual(utc('2026-03-04T00:00Z', '2026-04-25T13:00Z'));
  });

  it('never settled: an ambiguous-day-month problem, and no SQL without --date-format', async () => {
    await stage(db, ['03/04/2026 09:15', '11/12/2026 10:00', '', '2026-05-01 08:00']);
    const plan = await detectColumnFormat(db.connection, TABLE, 'Created');
    expect(plan).toMatchObject({ kind: 'mixed', dayOrder: 'undecided', ambiguous: true });
    expect(plan.problem).toEqual({ column: 'Created', problem: 'ambiguous-day-month', examples: ['03/04/2026 09:15', '11/12/2026 10:00'] });
    expect(describeDateProblem('incidents.csv', plan.problem!)).toBe(
      'incidents.csv: column "Created" has dates like 03/04/2026 09:15 that could be day-first or month-first; pass --date-format "%d/%m/%Y %H:%M" or "%m/%d/%Y %H:%M".',
    );
    expect(() => timestampSql(nullIfMarker(quoteIdent('Created'), '$2'), plan, '$1')).toThrow(/ambiguous-day-month/);
  });

  it('both orders proven: an inconsistent-day-month problem', async () => {
    await stage(db, ['25/04/2026', '03/04/2026', '04/25/2026']);
    const plan = await detectColumnFormat(db.connection, TABLE, 'Created');
    expect(plan).toMatchObject({ kind: 'numeric-undecided', dayOrder: 'inconsistent', ambiguous: false });
    expect(plan.problem).toEqual({ column: 'Created', problem: 'inconsistent-day-month', examples: ['25/04/2026', '04/25/2026'] });
    expect(describeDateProblem('incidents.csv', plan.problem!)).toBe(
      'incidents.csv: column "Created" mixes day-first dates like 25/04/2026 with month-first dates like 04/25/2026; ' +
        'correct the file, or pass --date-format "%d/%m/%Y" or "%m/%d/%Y" to read every value one way (values that don\'t fit are flagged).',
    );
  });

  it('impossible numbers (45/45/2026, 13/13/2026) are junk, not evidence', async () => {
    const parsed = await parse(db, ['45/45/2026', '13/13/2026', '25/04/2026']);
    expect(parsed.plan).toMatchObject({ kind: 'day-first', problem: null });
    expect(parsed.plan.counts).toMatchObject({ unmatched: 2 });
    expect(parsed.plan.counts.families.numeric).toBe(1);
    expect(parsed.utc).toEqual([null, null, ...utc('2026-04-25T00:00Z')]);
  });
});

describe('families', () => {
  it('counts each shape once', async () => {
    const parsed = await parse(db, [
      '2026-03-04', '2026-03-04T09:15:02Z', '25/12/2026', '12/Mar/24 3:04 PM', '1772615702', '1772615702123', 'soon', 'N/A',
    ]);
    expect(parsed.plan.kind).toBe('mixed');
    expect(parsed.plan.families).toEqual(['iso', 'iso-offset', 'numeric', 'month-name', 'epoch-s', 'epoch-ms']);
    expect(parsed.plan.counts).toEqual({
      values: 7,
      families: { iso: 1, 'iso-offset': 1, numeric: 1, 'month-name': 1, 'epoch-s': 1, 'epoch-ms': 1 },
      unmatched: 1,
      dayFirst: 1,
      monthFirst: 0,
      twoDigitYears: 0,
    });
    expect(parsed.plan.samples.unmatched).toBe('soon');
    expect(parsed.utc).toEqual(
      utc('2026-03-04T00:00Z', '2026-03-04T09:15:02Z', '2026-12-25T00:00Z', '2024-03-12T15:04Z', '2026-03-04T09:15:02Z', '2026-03-04T09:15:02.123Z', null, null),
    );
  });

  it('single-family kinds', async () => {
    expect((await parse(db, ['2026-03-04T09:15:02Z', '2026-03-04 10:00'])).plan.kind).toBe('iso');
    expect((await parse(db, ['1772615702', '1772615702123'])).plan.kind).toBe('epoch');
    expect((await parse(db, ['04-Mar-2026 09:15'])).plan.kind).toBe('month-name');
  });

  it('a column of null markers is empty; a column of text is unrecognised; both parse to NULL', async () => {
    const empty = await parse(db, ['', 'n/a', null]);
    expect(empty.plan).toMatchObject({ kind: 'empty', families: [], dayOrder: null, problem: null });
    expect(empty.utc).toEqual([null, null, null]);
    const text = await parse(db, ['soon', 'later']);
    expect(text.plan).toMatchObject({ kind: 'unrecognised', problem: null });
    expect(text.plan.samples.unmatched).toBe('later');
    expect(text.utc).toEqual([null, null]);
  });

  it('column names are quoted, and a file column named like a struct (p) cannot hijack the parts', async () => {
    const weird = 'Created "when"; DROP TABLE x';
    const parsed = await parse(db, ['25/04/2026 10:00'], { column: weird });
    expect(parsed.utc).toEqual(utc('2026-04-25T10:00Z'));
    await db.connection.run(`CREATE OR REPLACE TEMP TABLE ${TABLE} (__record INTEGER, p VARCHAR, __hs_date_parts VARCHAR)`);
    await db.connection.run(`INSERT INTO ${TABLE} VALUES (1, '25/04/2026 10:00', 'x')`);
    const plan = await detectColumnFormat(db.connection, TABLE, 'p');
    const sql = timestampSql(nullIfMarker('p', '$2'), plan, '$1');
    const rows = (await db.connection.runAndReadAll(`SELECT CAST(${sql} AS VARCHAR) AS t FROM ${TABLE}`, ['UTC', nullMarkersValue()])).getRowObjectsJson();
    expect(rows).toEqual([{ t: '2026-04-25 10:00:00+00' }]);
  });
});

describe('a naive ISO column proven without SQL (naiveIsoPlan, isNaiveIso)', () => {
  it('is planned exactly as detection plans it, with values or without', async () => {
    const values = ['2026-03-04 09:15:02', '2026-03-04', '2026-3-4T9:15', '2026-03-04 09:15:02.123456', null];
    expect(values.every((value) => value === null || isNaiveIso(value))).toBe(true);
    const detected = (await parse(db, values)).plan;
    expect(naiveIsoPlan(COLUMN, 4)).toEqual(detected);
    expect(naiveIsoPlan(COLUMN, 0)).toEqual((await parse(db, [null, null])).plan);
  });

  it('is refused for any value detection reads otherwise', () => {
    for (const value of ['2026-03-04T09:15:02Z', '2026-03-04 09:15+02:00', '04/03/2026', '1772615702', ' 2026-03-04', '2026-03-04 ', '2026-03-04\n', 'soon', '']) {
      expect(isNaiveIso(value), value).toBe(false);
    }
  });
});
