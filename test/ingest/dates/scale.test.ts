/**
 * A sanity check at a few hundred thousand rows: detection and parsing run as set-based SQL and
 * agree with DuckDB's own reading of the generated instants. Deliberately NOT timed (timings on
 * shared CI machines are noise); ingest/dates/README.md records measured speeds.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../queries/db.ts';
import { detectColumnFormat, nullIfMarker, nullMarkersValue, timestampSql } from '../../../ingest/dates/index.ts';
import { memoryDb, TABLE } from './harness.ts';

let db: Database;
beforeAll(async () => {
  db = await memoryDb();
});
afterAll(() => db.close());

it('200 000 day-first values in four shapes, read in Europe/London across two DST changes', async () => {
  // Every 7 minutes from 2025-12-01: rows cover 2026-03-29 and 2026-10-25 (the generator's own
  // timezone() reading of gap and overlap times is the same convention the parser uses).
  await db.connection.run(`
    CREATE OR REPLACE TEMP TABLE ${TABLE} AS
    SELECT i AS __record, timezone('Europe/London', ts) AS expected,
           CASE i % 4 WHEN 0 THEN strftime(ts, '%d/%m/%Y %H:%M') WHEN 1 THEN strftime(ts, '%-d/%-m/%Y %-I:%M %p')
                      WHEN 2 THEN strftime(ts, '%d/%m/%Y %H:%M:%S') ELSE 'n/a' END AS "Created"
    FROM (SELECT i, TIMESTAMP '2025-12-01' + i * INTERVAL 7 MINUTE AS ts FROM range(200000) r(i))`);
  const plan = await detectColumnFormat(db.connection, TABLE, 'Created');
  expect(plan).toMatchObject({ kind: 'day-first', problem: null });
  expect(plan.counts).toMatchObject({ values: 150000, unmatched: 0 });
  const parsed = timestampSql(nullIfMarker('"Created"', '$2'), plan, '$1');
  const [row] = (
    await db.connection.runAndReadAll(
      `SELECT CAST(count(*) FILTER (WHERE t = expected) AS INTEGER) AS same,
              CAST(count(*) FILTER (WHERE t IS NULL) AS INTEGER) AS nulls
       FROM (SELECT ${parsed} AS t, expected FROM ${TABLE})`,
      ['Europe/London', nullMarkersValue()],
    )
  ).getRowObjectsJson();
  expect(row).toEqual({ same: 150000, nulls: 50000 });
});
