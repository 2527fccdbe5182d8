// Global filters ↔ URL (web/src/lib/filters.ts), range arithmetic (periods.ts) and the link
// from a number to its incidents (links.ts). Pure functions: no browser needed.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, clockLabel, filtersKey, readFilters, requestParams, writeFilters } from '../../web/src/lib/filters.ts';
import { metricsQuery } from '../../web/src/lib/api.ts';
import { incidentsHref, pageHref } from '../../web/src/lib/links.ts';
import { bucketRange, previousRange, rangeLabel, rangePresets } from '../../web/src/lib/periods.ts';

describe('filters in the URL', () => {
  it('leaves defaults out, so the plain address means all data, UTC, opened, no drills', () => {
    expect(writeFilters(DEFAULT_FILTERS).toString()).toBe('');
    expect(readFilters(new URLSearchParams())).toEqual(DEFAULT_FILTERS);
  });

  it('round-trips every filter, keeps other parameters, and ignores malformed dates', () => {
    const search = new URLSearchParams('metric=mttr&from=2026-10-01&to=2026-11-01&tz=Europe%2FLondon&cohort=resolved&drills=1&severity=SEV1&severity=SEV2&team=payments');
    const filters = readFilters(search);
    expect(filters).toEqual({
      from: '2026-10-01', to: '2026-11-01', tz: 'Europe/London', cohort: 'resolved', includeDrills: true, clock: 'wall', excludeOnHold: false,
      dims: { severity: ['SEV1', 'SEV2'], team: ['payments'] },
    });
    const written = writeFilters(filters, new URLSearchParams('metric=mttr&severity=SEV4'));
    expect(written.get('metric')).toBe('mttr');
    expect(readFilters(written)).toEqual(filters);
    expect(readFilters(new URLSearchParams('from=2026-13&to=yesterday')).from).toBeNull();
  });

  it('becomes the API request: filter=dim=value per value, booleans and zone explicit', () => {
    const filters = readFilters(new URLSearchParams('from=2026-10-01&severity=SEV1&severity=SEV2&service=api'));
    expect(requestParams(filters)).toEqual({
      tz: 'UTC', cohort: 'opened', include_drills: false, from: '2026-10-01', filter: ['severity=SEV1', 'severity=SEV2', 'service=api'],
    });
    expect(filtersKey(filters)).toBe(filtersKey(readFilters(writeFilters(filters))));
  });

  it('carries the clock: clock=business and exclude_on_hold=1 in the URL, sent with every request, named in words', () => {
    const filters = readFilters(new URLSearchParams('clock=business&exclude_on_hold=1&severity=SEV1'));
    expect(filters).toMatchObject({ clock: 'business', excludeOnHold: true });
    expect(writeFilters(filters).toString()).toBe('clock=business&exclude_on_hold=1&severity=SEV1');
    expect(requestParams(filters)).toMatchObject({ clock: 'business', exclude_on_hold: true });
    // The wire names GET /api/metrics reads (queries/request.ts).
    expect(metricsQuery({ ...requestParams(filters), metric: ['mttr'] })).toMatchObject({ clock: 'business', exclude_on_hold: 'true' });
    expect(clockLabel(filters)).toBe('business hours, on-hold excluded');
    // The default (wall clock, on-hold counted) stays out of the URL and out of the request.
    const wall = readFilters(new URLSearchParams('clock=sundial'));
    expect(wall).toMatchObject({ clock: 'wall', excludeOnHold: false });
    expect(requestParams(wall)).not.toHaveProperty('clock');
    expect(requestParams(wall)).not.toHaveProperty('exclude_on_hold');
    expect(clockLabel(wall)).toBe('wall clock');
    // Links between pages keep it.
    expect(pageHref('/explore', filters)).toBe('/explore?clock=business&exclude_on_hold=1&severity=SEV1');
  });
});

describe('periods', () => {
  it('compares whole months with the months before, other ranges with the same number of days', () => {
    expect(previousRange('2026-10-01', '2026-11-01')).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    expect(previousRange('2026-01-01', '2026-04-01')).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    expect(previousRange('2026-03-10', '2026-03-17')).toEqual({ from: '2026-03-03', to: '2026-03-10' });
    expect(previousRange(null, '2026-03-17')).toBeNull();
  });

  it('clips a clicked bucket to the range already asked for', () => {
    expect(bucketRange('2026-10-01', 'month', null, null)).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(bucketRange('2026-10-01', 'month', '2026-10-15', '2026-10-20')).toEqual({ from: '2026-10-15', to: '2026-10-20' });
    expect(bucketRange('2026-12-28', 'week', null, null)).toEqual({ from: '2026-12-28', to: '2027-01-04' });
    expect(bucketRange('2026-10-01', 'quarter', null, null).to).toBe('2027-01-01');
  });

  it('offers whole-month presets relative to today, and labels ranges inclusively', () => {
    const presets = rangePresets('2026-11-30');
    expect(presets.find((p) => p.id === 'last-month')).toMatchObject({ from: '2026-10-01', to: '2026-11-01' });
    expect(presets.find((p) => p.id === 'last-12')).toMatchObject({ from: '2025-11-01', to: '2026-11-01' });
    expect(rangeLabel('2026-10-01', '2026-11-01')).toBe('1 Oct 2026 – 31 Oct 2026');
    expect(rangeLabel(null, null)).toBe('All data');
  });
});

describe('links', () => {
  const filters = readFilters(new URLSearchParams('from=2026-01-01&to=2026-07-01&severity=SEV1&severity=SEV2&tz=Asia%2FTokyo'));

  it('keeps the global filters when moving between pages', () => {
    expect(pageHref('/explore', filters)).toBe('/explore?from=2026-01-01&to=2026-07-01&tz=Asia%2FTokyo&severity=SEV1&severity=SEV2');
  });

  it('lists a metric\'s population, narrowed to the clicked bucket and dimension value', () => {
    const href = incidentsHref(filters, { metric: 'mttr', period: '2026-03-01', grain: 'month', dims: { severity: 'SEV2' } })!;
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/incidents');
    expect(Object.fromEntries(url.searchParams)).toEqual({ from: '2026-03-01', to: '2026-04-01', tz: 'Asia/Tokyo', severity: 'SEV2', metric: 'mttr' });
    expect(incidentsHref(filters, { metric: 'count' })).toBe('/incidents?from=2026-01-01&to=2026-07-01&tz=Asia%2FTokyo&severity=SEV1&severity=SEV2');
  });

  it('refuses a link that could not match n: a missing dimension value or an unknown dimension', () => {
    expect(incidentsHref(filters, { dims: { severity: null } })).toBeNull();
    expect(incidentsHref(filters, { dims: { 'custom.region': 'eu' } })).toBeNull();
  });
});
