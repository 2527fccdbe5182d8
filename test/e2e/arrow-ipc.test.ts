/**
 * queries/arrow.ts on its own: DuckDB result → Arrow IPC stream → apache-arrow's reader, with
 * the values that break naive encoders: nulls in every type, empty strings, non-ASCII text,
 * microseconds, timestamps before 1970, lists, and more rows than one record batch.
 * (Kept beside the end-to-end tests because it guards the /api/incidents wire format.)
 */
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrowStream } from '../../queries/arrow.ts';
import { openDatabase, type Database } from '../../queries/db.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase(':memory:');
});
afterAll(() => db?.close());

async function roundTrip(sql: string, batchRows?: number) {
  const result = await db.connection.run(sql);
  const chunks: Uint8Array[] = [];
  const reader = arrowStream(result, batchRows).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) bytes.set(c, (at += c.length) - c.length);
  return tableFromIPC(bytes);
}

describe('arrowStream', () => {
  it('keeps every declared type and every awkward value', async () => {
    const table = await roundTrip(`
      SELECT * FROM (VALUES
        ('a', 1::INTEGER, 10::BIGINT, 1.5::DOUBLE, true, TIMESTAMPTZ '2026-03-29 01:30:00.123456+00', DATE '2026-01-31', ['x', 'y']),
        ('', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        ('Zürich 東京 🚨 "quoted", comma', (-2147483648)::INTEGER, 9007199254740993::BIGINT, -0.25::DOUBLE, false, TIMESTAMPTZ '1969-12-31 23:59:59.999999+00', DATE '1969-07-20', []::VARCHAR[]),
        (NULL, 0, 0, 0, NULL, NULL, NULL, [NULL, 'z'])
      ) AS t(s, i, b, d, f, ts, day, l)`);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      's:Utf8', 'i:Int32', 'b:Int64', 'd:Float64', 'f:Bool', 'ts:Timestamp<MICROSECOND, UTC>', 'day:Date32<DAY>', 'l:List<Utf8>',
    ]);
    expect(table.getChild('s')!.toArray()).toEqual(['a', '', 'Zürich 東京 🚨 "quoted", comma', null]);
    expect([...table.getChild('i')!].map((v) => v)).toEqual([1, null, -2147483648, 0]);
    expect([...table.getChild('b')!]).toEqual([10n, null, 9007199254740993n, 0n]);
    expect([...table.getChild('d')!]).toEqual([1.5, null, -0.25, 0]);
    expect([...table.getChild('f')!]).toEqual([true, null, false, null]);
    // The wire keeps microseconds exactly (the reader shows milliseconds).
    const ts = table.getChild('ts')!;
    expect(ts.data[0]!.values[0]).toBe(1774747800123456n);
    expect(ts.data[0]!.values[2]).toBe(-1n);
    expect(ts.get(1)).toBeNull();
    expect(new Date(table.getChild('day')!.get(0) as number).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect([...table.getChild('l')!].map((v) => (v === null ? null : [...v]))).toEqual([['x', 'y'], null, [], [null, 'z']]);
  });

  it('streams many batches and an empty result with its schema', async () => {
    const many = await roundTrip('SELECT range::INTEGER AS n, CAST(range AS VARCHAR) AS s FROM range(50000)', 8192);
    expect(many.numRows).toBe(50000);
    expect(many.batches.length).toBeGreaterThan(1);
    expect(many.getChild('s')!.get(49999)).toBe('49999');
    const empty = await roundTrip('SELECT 1::INTEGER AS n, TIMESTAMPTZ \'2026-01-01\' AS t WHERE false');
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toEqual(['n', 't']);
  });

  it('refuses a type it does not map, naming the column', async () => {
    const result = await db.connection.run("SELECT INTERVAL '1 day' AS gap");
    expect(() => arrowStream(result)).toThrow(/Column "gap" has DuckDB type INTERVAL/);
  });
});
