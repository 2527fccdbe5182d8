/** Pure: the builders' guards, and the plan rule, without a database. */
import { describe, expect, it } from 'vitest';
import {
  dstFlagSql, formatHasZone, localTimestampSql, nullIfMarker, normaliseNullMarkers, planFromCounts, timestampSql,
  type DateColumnCounts,
} from '../../../ingest/dates/index.ts';

function counts(partial: Partial<Omit<DateColumnCounts, 'families'>> & { families?: Partial<DateColumnCounts['families']> }): DateColumnCounts {
  return {
    values: 1, unmatched: 0, dayFirst: 0, monthFirst: 0, twoDigitYears: 0, ...partial,
    families: { iso: 0, 'iso-offset': 0, numeric: 0, 'month-name': 0, 'epoch-s': 0, 'epoch-ms': 0, ...partial.families },
  };
}

const dayFirst = planFromCounts('Created', counts({ families: { numeric: 1 }, dayFirst: 1 }), { ambiguous: [] });

describe('placeholders only', () => {
  it('refuses a zone name where a placeholder belongs', () => {
    expect(() => timestampSql('"c"', dayFirst, 'Europe/London')).toThrow(/tzParam must be a parameter placeholder/);
    expect(() => dstFlagSql('"c"', dayFirst, "'UTC'")).toThrow(/tzParam/);
    expect(() => nullIfMarker('"c"', "['n/a']")).toThrow(/markersParam/);
  });

  it('refuses a format text where a placeholder belongs', () => {
    expect(() => timestampSql('"c"', dayFirst, '$1', { dateFormat: { param: '%d/%m/%Y', format: '%d/%m/%Y' } })).toThrow(/dateFormat.param/);
    expect(() => localTimestampSql('"c"', dayFirst, { dateFormat: { param: '%d', format: '%d' } })).toThrow(/dateFormat.param/);
  });

  it('accepts $n, $name and ?', () => {
    for (const param of ['$3', '$tz', '?']) expect(timestampSql('"c"', dayFirst, param)).toContain(`timezone(${param},`);
  });
});

describe('formatHasZone', () => {
  it.each([
    ['%d/%m/%Y %H:%M %z', true],
    ['%Y-%m-%d %H:%M %Z', true],
    ['%d/%m/%Y %H:%M', false],
    ['%d/%m/%Y 100%%z', false],
  ] as const)('%s → %s', (format, expected) => {
    expect(formatHasZone(format)).toBe(expected);
  });
});

describe('planFromCounts', () => {
  it.each([
    ['empty', counts({ values: 0 }), 'empty', null],
    ['unrecognised', counts({ unmatched: 1 }), 'unrecognised', null],
    ['iso with and without offsets', counts({ families: { iso: 1, 'iso-offset': 2 } }), 'iso', null],
    ['epochs of both sizes', counts({ families: { 'epoch-s': 1, 'epoch-ms': 1 } }), 'epoch', null],
    ['day-first', counts({ families: { numeric: 2 }, dayFirst: 1 }), 'day-first', 'day-first'],
    ['month-first', counts({ families: { numeric: 2 }, monthFirst: 1 }), 'month-first', 'month-first'],
    ['undecided', counts({ families: { numeric: 2 } }), 'numeric-undecided', 'undecided'],
    ['iso and numeric', counts({ families: { iso: 1, numeric: 1 }, dayFirst: 1 }), 'mixed', 'day-first'],
  ] as const)('%s', (_name, given, kind, dayOrder) => {
    const plan = planFromCounts('c', given, { ambiguous: ['01/02/2026'], dayFirst: '25/02/2026', monthFirst: '02/25/2026' });
    expect(plan.kind).toBe(kind);
    expect(plan.dayOrder).toBe(dayOrder);
    expect(plan.ambiguous).toBe(dayOrder === 'undecided');
  });
});

describe('null markers', () => {
  it('normalises the configured list and always keeps the empty string', () => {
    expect(normaliseNullMarkers([' TBD ', 'n/a', 'N/A'])).toEqual(['', 'tbd', 'n/a']);
  });
});
