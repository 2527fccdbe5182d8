/** An explicit --date-format overrides detection; it and the zone are bound, never spliced. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../queries/db.ts';
import { isInputError } from '../../../queries/errors.ts';
import { checkDateFormat, detectColumnFormat, resolveTimeZone } from '../../../ingest/dates/index.ts';
import { memoryDb, parse, stage, TABLE, utc } from './harness.ts';

let db: Database;
beforeAll(async () => {
  db = await memoryDb();
});
afterAll(() => db.close());

describe('explicit --date-format', () => {
  it('reads an ambiguous column the way it says', async () => {
    const values = ['03/04/2026 09:15', '11/12/2026 10:00'];
    await stage(db, values);
    expect((await detectColumnFormat(db.connection, TABLE, 'Created')).problem?.problem).toBe('ambiguous-day-month');
    const dayFirst = await parse(db, values, { dateFormat: '%d/%m/%Y %H:%M' });
    expect(dayFirst.utc).toEqual(utc('2026-04-03T09:15Z', '2026-12-11T10:00Z'));
    const monthFirst = await parse(db, values, { dateFormat: '%m/%d/%Y %H:%M', tz: 'America/New_York' });
    expect(monthFirst.utc).toEqual(utc('2026-03-04T14:15Z', '2026-11-12T15:00Z'));
  });

  it('overrides an inconsistent column: values that do not fit are NULL', async () => {
    const parsed = await parse(db, ['25/04/2026', '04/25/2026', '03/04/2026'], { dateFormat: '%m/%d/%Y' });
    expect(parsed.utc).toEqual(utc(null, '2026-04-25T00:00Z', '2026-03-04T00:00Z'));
  });

  it('overrides a settled order too', async () => {
    const parsed = await parse(db, ['03/04/2026', '25/04/2026'], { dateFormat: '%m/%d/%Y' });
    expect(parsed.utc).toEqual(utc('2026-03-04T00:00Z', null));
  });

  it('still reads the unambiguous shapes (ISO, epochs, month names) it does not fit; junk stays NULL', async () => {
    const parsed = await parse(db, ['03/04/2026 09:15', '2026-05-01T08:00:00+02:00', '2026-05-01 08:00', '1772615702', '12/Mar/24 3:04 PM', 'soon'], {
      dateFormat: '%d/%m/%Y %H:%M',
      tz: 'Europe/London',
    });
    expect(parsed.utc).toEqual(utc('2026-04-03T08:15Z', '2026-05-01T06:00Z', '2026-05-01T07:00Z', '2026-03-04T09:15:02Z', '2024-03-12T15:04Z', null));
  });

  it('goes first even where a value looks like an epoch: 202603040915 with %Y%m%d%H%M', async () => {
    const parsed = await parse(db, ['202603040915', '1772615702'], { dateFormat: '%Y%m%d%H%M', tz: 'Europe/London' });
    expect(parsed.plan.families).toEqual(['epoch-s', 'epoch-ms']);
    expect(parsed.utc).toEqual(utc('2026-03-04T09:15Z', '2026-03-04T09:15:02Z'));
  });

  it('a format with %z reads the offset and ignores --tz', async () => {
    const parsed = await parse(db, ['04/03/2026 09:15 +0200', '04/03/2026 09:15'], { dateFormat: '%d/%m/%Y %H:%M %z', tz: 'America/New_York' });
    expect(parsed.utc).toEqual(utc('2026-03-04T07:15Z', null));
    expect(parsed.dst).toEqual([null, null]);
  });

  it('neither the format nor the zone appears in the SQL', async () => {
    const parsed = await parse(db, ['03/04/2026 09:15'], { dateFormat: "%d/%m/%Y %H:%M'; --", tz: 'Europe/London' });
    expect(parsed.sql).not.toContain('%d/%m');
    expect(parsed.sql).not.toContain('Europe/London');
    expect(parsed.utc).toEqual([null]);
  });
});

describe('checking the flags before an import', () => {
  it('resolveTimeZone returns the canonical spelling', async () => {
    expect(await resolveTimeZone(db.connection, 'Europe/London')).toBe('Europe/London');
    expect(await resolveTimeZone(db.connection, 'america/new_york')).toBe('America/New_York');
    expect(await resolveTimeZone(db.connection, 'UTC')).toBe('UTC');
  });

  it('resolveTimeZone rejects an unknown zone in one sentence naming --tz', async () => {
    const error = await resolveTimeZone(db.connection, 'Mars/Olympus_Mons').catch((e: unknown) => e);
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toBe('--tz "Mars/Olympus_Mons" is not a known IANA time zone; use a name like Europe/London or America/New_York.');
  });

  it('checkDateFormat accepts strptime formats with a date', async () => {
    await expect(checkDateFormat(db.connection, '%d/%m/%Y %H:%M')).resolves.toBeUndefined();
    await expect(checkDateFormat(db.connection, '%d-%b-%y %I:%M %p')).resolves.toBeUndefined();
  });

  it('checkDateFormat rejects unknown specifiers and formats without a date', async () => {
    const bad = await checkDateFormat(db.connection, '%d/%m/%Y %Q').catch((e: unknown) => e);
    expect(isInputError(bad)).toBe(true);
    expect((bad as Error).message).toMatch(/^--date-format "%d\/%m\/%Y %Q" is not a valid strptime format \(.*%Q.*\)\.$/);
    const timeOnly = await checkDateFormat(db.connection, '%H:%M').catch((e: unknown) => e);
    expect((timeOnly as Error).message).toBe('--date-format "%H:%M" has no year, month, day; use a strptime format like "%d/%m/%Y %H:%M".');
  });
});
