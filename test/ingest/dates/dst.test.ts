/**
 * Naive times read in --tz on ordinary days and on both daylight-saving transition days, with
 * what DuckDB's ICU does in the spring-forward gap (offset from before the gap: the wall time
 * moves forward) and in the repeated fall-back hour (the later, standard-time occurrence).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../queries/db.ts';
import { memoryDb, parse, utc } from './harness.ts';

let db: Database;
beforeAll(async () => {
  db = await memoryDb();
});
afterAll(() => db.close());

describe('Europe/London (GMT+0 / BST+1; 2026-03-29 01:00→02:00, 2026-10-25 02:00→01:00)', () => {
  const tz = 'Europe/London';
  it('ordinary winter and summer days', async () => {
    const parsed = await parse(db, ['2026-01-15 12:00', '2026-07-01 12:00'], { tz });
    expect(parsed.utc).toEqual(utc('2026-01-15T12:00Z', '2026-07-01T11:00Z'));
    expect(parsed.dst).toEqual([null, null]);
  });
  it('spring forward: 01:30 does not exist and is read as 01:30Z (= 02:30 BST), flagged dst_gap', async () => {
    const parsed = await parse(db, ['2026-03-29 00:59:59', '2026-03-29 01:00', '2026-03-29 01:30', '2026-03-29 02:00', '2026-03-29 02:30'], { tz });
    expect(parsed.utc).toEqual(utc('2026-03-29T00:59:59Z', '2026-03-29T01:00Z', '2026-03-29T01:30Z', '2026-03-29T01:00Z', '2026-03-29T01:30Z'));
    expect(parsed.dst).toEqual([null, 'dst_gap', 'dst_gap', null, null]);
  });
  it('fall back: 01:30 happens twice and the later (GMT) one is used, flagged dst_overlap', async () => {
    const parsed = await parse(db, ['2026-10-25 00:30', '2026-10-25 00:59:59', '2026-10-25 01:00', '2026-10-25 01:30', '2026-10-25 02:00'], { tz });
    expect(parsed.utc).toEqual(utc('2026-10-24T23:30Z', '2026-10-24T23:59:59Z', '2026-10-25T01:00Z', '2026-10-25T01:30Z', '2026-10-25T02:00Z'));
    expect(parsed.dst).toEqual([null, null, 'dst_overlap', 'dst_overlap', null]);
  });
  it('the same rules apply to day-first numeric dates', async () => {
    const parsed = await parse(db, ['29/03/2026 01:30', '25/10/2026 01:30', '26/10/2026 01:30'], { tz });
    expect(parsed.utc).toEqual(utc('2026-03-29T01:30Z', '2026-10-25T01:30Z', '2026-10-26T01:30Z'));
    expect(parsed.dst).toEqual(['dst_gap', 'dst_overlap', null]);
  });
});

describe('America/New_York (EST-5 / EDT-4; 2026-03-08 02:00→03:00, 2026-11-01 02:00→01:00)', () => {
  const tz = 'America/New_York';
  it('ordinary winter and summer days', async () => {
    const parsed = await parse(db, ['2026-01-15 12:00', '2026-07-01 12:00'], { tz });
    expect(parsed.utc).toEqual(utc('2026-01-15T17:00Z', '2026-07-01T16:00Z'));
    expect(parsed.dst).toEqual([null, null]);
  });
  it('spring forward: 02:30 does not exist and is read as 07:30Z (= 03:30 EDT), flagged dst_gap', async () => {
    const parsed = await parse(db, ['3/8/2026 1:30 AM', '3/8/2026 2:30 AM', '3/8/2026 3:30 AM', '3/20/2026 2:30 AM'], { tz });
    expect(parsed.utc).toEqual(utc('2026-03-08T06:30Z', '2026-03-08T07:30Z', '2026-03-08T07:30Z', '2026-03-20T06:30Z'));
    expect(parsed.dst).toEqual([null, 'dst_gap', null, null]);
  });
  it('fall back: 01:30 happens twice and the later (EST) one is used, flagged dst_overlap', async () => {
    const parsed = await parse(db, ['2026-11-01 00:30', '2026-11-01 01:30', '2026-11-01 02:30'], { tz });
    expect(parsed.utc).toEqual(utc('2026-11-01T04:30Z', '2026-11-01T06:30Z', '2026-11-01T07:30Z'));
    expect(parsed.dst).toEqual([null, 'dst_overlap', null]);
  });
  it('values with an offset and epochs are never DST-flagged', async () => {
    const parsed = await parse(db, ['2026-11-01 01:30-04:00', '2026-11-01 01:30-05:00', '1793511000'], { tz });
    expect(parsed.utc).toEqual(utc('2026-11-01T05:30Z', '2026-11-01T06:30Z', '2026-11-01T05:30Z'));
    expect(parsed.dst).toEqual([null, null, null]);
  });
});
