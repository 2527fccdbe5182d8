// Named cases for the dashboard's number formats (web/src/lib/format.ts).
import { describe, expect, it } from 'vitest';
import { MISSING, formatDuration, formatInteger, formatMonth, formatPeriod, formatValue } from '../../web/src/lib/format.ts';

describe('formatDuration', () => {
  it.each([
    ['zero', 0, '0s'],
    ['seconds below a minute', 42.4, '42s'],
    ['59.6 s rounds up into minutes, not "60s"', 59.6, '1m'],
    ['minutes', 42 * 60, '42m'],
    ['59m 45s rounds to an hour, not "60m"', 59 * 60 + 45, '1h 00m'],
    ['hours pad minutes', 3 * 3600 + 5 * 60, '3h 05m'],
    ['the API example 3712.5 s', 3712.5, '1h 02m'],
    ['23h 59m 50s rounds to a day, not "24h 00m"', 86390, '1d 0h'],
    ['days and hours', 2 * 86400 + 4 * 3600, '2d 4h'],
    ['negative keeps its sign', -90, '-2m'],
    ['not a number', Number.NaN, MISSING],
  ])('%s', (_name, seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('formatValue', () => {
  it('formats from the declared format', () => {
    expect(formatValue(3600, 'duration')).toBe('1h 00m');
    expect(formatValue(1234, 'integer')).toBe('1,234');
  });
  it('shows MISSING for null, never a blank', () => {
    expect(formatValue(null, 'duration')).toBe(MISSING);
  });
});

describe('formatInteger and formatMonth', () => {
  it('groups thousands', () => expect(formatInteger(1234567)).toBe('1,234,567'));
  it('reads a period as a calendar month, whatever the machine zone', () => {
    expect(formatMonth('2026-01-01')).toBe('Jan 2026');
    expect(formatMonth('2025-12-01')).toBe('Dec 2025');
  });
  it('leaves anything else as it came', () => expect(formatMonth('2026-W01')).toBe('2026-W01'));
});

describe('formatPeriod', () => {
  it.each([
    ['day', '2026-03-09', '9 Mar 2026'],
    ['week (its first day)', '2025-12-29', '29 Dec 2025'],
    ['month', '2026-01-01', 'Jan 2026'],
    ['quarter', '2026-10-01', 'Q4 2026'],
    ['year', '2026-01-01', '2026'],
  ] as const)('%s', (name, period, expected) => expect(formatPeriod(period, name.split(' ')[0] as 'day')).toBe(expected));
  it('leaves anything else as it came', () => expect(formatPeriod('2026-W01', 'week')).toBe('2026-W01'));
});

