/** One named case per accepted format, parsed by the real DuckDB; expectations computed by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../queries/db.ts';
import { memoryDb, parse, utc } from './harness.ts';

let db: Database;
beforeAll(async () => {
  db = await memoryDb();
});
afterAll(() => db.close());

/** Parses one column and returns its instants. */
async function instants(values: (string | null)[], tz = 'UTC') {
  return (await parse(db, values, { tz })).utc;
}

describe('ISO 8601', () => {
  it('Z suffix', async () => {
    expect(await instants(['2026-03-04T09:15:02Z'])).toEqual(utc('2026-03-04T09:15:02Z'));
  });
  it('fractional seconds with +02:00', async () => {
    expect(await instants(['2026-03-04T09:15:02.123+02:00'])).toEqual(utc('2026-03-04T07:15:02.123Z'));
  });
  it('+0700 without a colon', async () => {
    expect(await instants(['2026-03-04T09:15:02+0700'])).toEqual(utc('2026-03-04T02:15:02Z'));
  });
  it('negative and half-hour offsets, and a bare -05', async () => {
    expect(await instants(['2026-03-04T09:15:02-03:30', '2026-03-04 09:15:02-05'])).toEqual(utc('2026-03-04T12:45:02Z', '2026-03-04T14:15:02Z'));
  });
  it('an offset after HH:MM without seconds (DuckDB’s cast rejects it; :00 is inserted)', async () => {
    expect(await instants(['2026-03-04T09:15Z', '2026-03-04 09:15+02:00', '2026-03-04 09:15 UTC'])).toEqual(
      utc('2026-03-04T09:15Z', '2026-03-04T07:15Z', '2026-03-04T09:15Z'),
    );
  });
  it('offsets ignore --tz', async () => {
    expect(await instants(['2026-03-04T09:15:02Z', '2026-03-04T09:15:02+0700'], 'America/New_York')).toEqual(
      utc('2026-03-04T09:15:02Z', '2026-03-04T02:15:02Z'),
    );
  });
  it('naive 2026-03-04 09:15 is read in --tz', async () => {
    expect(await instants(['2026-03-04 09:15'])).toEqual(utc('2026-03-04T09:15Z'));
    expect(await instants(['2026-03-04 09:15'], 'America/New_York')).toEqual(utc('2026-03-04T14:15Z'));
  });
  it('YYYY-MM-DD HH:MM:SS and the T form', async () => {
    expect(await instants(['2026-03-04 09:15:02', '2026-03-04T09:15:02.5'], 'Europe/London')).toEqual(
      utc('2026-03-04T09:15:02Z', '2026-03-04T09:15:02.500Z'),
    );
  });
  it('date only is local midnight', async () => {
    expect(await instants(['2026-03-04'], 'America/New_York')).toEqual(utc('2026-03-04T05:00Z'));
  });
});

describe('numeric dates', () => {
  it('day-first without zero padding: 29/2/2016 01:16', async () => {
    expect(await instants(['29/2/2016 01:16'])).toEqual(utc('2016-02-29T01:16Z'));
  });
  it('month-first with seconds and PM: 2/29/2016 1:16:05 PM', async () => {
    expect(await instants(['2/29/2016 1:16:05 PM'])).toEqual(utc('2016-02-29T13:16:05Z'));
  });
  it('dotted day-first: 04.03.2026 09:15 (settled by 25.03.2026)', async () => {
    expect(await instants(['04.03.2026 09:15', '25.03.2026 10:00'])).toEqual(utc('2026-03-04T09:15Z', '2026-03-25T10:00Z'));
  });
  it('dashes, 2-digit years (20yy), date only, fractions', async () => {
    expect(await instants(['25-12-26', '04-03-2026 09:15:02.25', '4/3/26 9:15'])).toEqual(
      utc('2026-12-25T00:00Z', '2026-03-04T09:15:02.250Z', '2026-03-04T09:15Z'),
    );
  });
  it('12 AM is midnight, 12 PM is noon, 3:04PM without a space', async () => {
    expect(await instants(['2/28/2016 12:05 AM', '2/28/2016 12:05 PM', '2/28/2016 3:04PM', '2/13/2016 11:59:59 pm'])).toEqual(
      utc('2016-02-28T00:05Z', '2016-02-28T12:05Z', '2016-02-28T15:04Z', '2016-02-13T23:59:59Z'),
    );
  });
  it('read in --tz', async () => {
    expect(await instants(['29/2/2016 01:16', '1/7/2016 12:00'], 'Europe/London')).toEqual(utc('2016-02-29T01:16Z', '2016-07-01T11:00Z'));
  });
});

describe('month names', () => {
  it("Jira's dd/MMM/yy h:mm a: 12/Mar/24 3:04 PM", async () => {
    expect(await instants(['12/Mar/24 3:04 PM', '1/jan/25 12:30 am'])).toEqual(utc('2024-03-12T15:04Z', '2025-01-01T00:30Z'));
  });
  it('dd-MMM-yyyy HH:mm: 04-Mar-2026 09:15, and full names', async () => {
    expect(await instants(['04-Mar-2026 09:15', '4 March 2026', '30-Sep-2026 23:59:59'], 'Europe/London')).toEqual(
      utc('2026-03-04T09:15Z', '2026-03-04T00:00Z', '2026-09-30T22:59:59Z'),
    );
  });
});

describe('epochs (seconds below 1e11, milliseconds from 1e11)', () => {
  it('epoch seconds', async () => {
    expect(await instants(['1772615702', '1772615702.5'])).toEqual(utc('2026-03-04T09:15:02Z', '2026-03-04T09:15:02.500Z'));
  });
  it('epoch milliseconds', async () => {
    expect(await instants(['1772615702123'])).toEqual(utc('2026-03-04T09:15:02.123Z'));
  });
  it('epochs ignore --tz', async () => {
    expect(await instants(['1772615702', '1772615702123'], 'America/New_York')).toEqual(utc('2026-03-04T09:15:02Z', '2026-03-04T09:15:02.123Z'));
  });
  it('either side of the cut-off', async () => {
    // 99 999 999 999 s is year 5138; 100 000 000 000 ms is 1973-03-03T09:46:40Z.
    expect(await instants(['99999999999', '100000000000'])).toEqual(utc('5138-11-16T09:46:39Z', '1973-03-03T09:46:40Z'));
  });
});

describe('null markers and junk', () => {
  it('empty, ?, NULL, N/A, - (any case, padded) and SQL NULL are NULL and not counted as values', async () => {
    const parsed = await parse(db, ['', '?', 'NULL', 'null', 'n/a', 'N/A', ' - ', '   ', null, '2026-03-04 09:15']);
    expect(parsed.utc).toEqual([...Array(9).fill(null), ...utc('2026-03-04T09:15Z')]);
    expect(parsed.plan.counts).toMatchObject({ values: 1, unmatched: 0 });
  });
  it('a configured marker list replaces the default one', async () => {
    const parsed = await parse(db, ['TBD', 'n/a', '2026-03-04 09:15'], { nullMarkers: ['tbd'] });
    expect(parsed.utc).toEqual([null, null, ...utc('2026-03-04T09:15Z')]);
    expect(parsed.plan.counts).toMatchObject({ values: 2, unmatched: 1 });
    expect(parsed.plan.samples.unmatched).toBe('n/a');
  });
  it('values that fit no format, or name an impossible time, are NULL', async () => {
    const parsed = await parse(db, [
      'yesterday', '2026-13-45', '2026-02-30 10:00', '31/02/2026 10:00', '25/12/2026 13:00 PM', '25/12/2026 0:30 AM',
      '25/12/2026 10:61', '20260304', '46085.5', '2026-03-04t09:15:02z', '25/12/2026 10:00',
    ]);
    expect(parsed.utc).toEqual([...Array(10).fill(null), ...utc('2026-12-25T10:00Z')]);
    expect(parsed.plan.kind).toBe('mixed');
    expect(parsed.plan.dayOrder).toBe('day-first');
  });
});
