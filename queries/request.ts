/**
 * A metric request, and its parser from the loose strings that HTTP query parameters and CLI
 * flags arrive as. Parsing collects every problem instead of stopping at the first, and each
 * problem is one sentence that lists the allowed values, so a 400 or an exit 2 tells the user
 * exactly what to type instead.
 */
import { COHORTS, DIMENSIONS, GRAINS, METRICS, findDimension, findMetric } from './metrics/catalog.ts';
import type { Cohort, Grain } from './metrics/catalog.ts';
import { isTimeZone } from './time-zone.ts';

export interface MetricRequest {
  metrics: string[];
  /** 0–2 dimension ids. */
  by: string[];
  /** null: one bucket for the whole range. */
  grain: Grain | null;
  /** IANA zone that periods and from/to dates are read in. */
  tz: string;
  /** Inclusive local date YYYY-MM-DD, or null for no lower bound. */
  from: string | null;
  /** Exclusive local date YYYY-MM-DD, or null for no upper bound. */
  to: string | null;
  /** dimension id → allowed values (an incident matches when its value is one of them). */
  filters: Record<string, string[]>;
  cohort: Cohort;
  /** Default false. True as well when `by` or a filter names the `drill` dimension. */
  include_drills: boolean;
  /**
   * Durations in wall-clock time ('wall', the default when absent) or business time (the
   * configured calendar). Optional so requests built before it existed stay valid; the parser
   * always sets it, so every response echoes which clock its numbers use.
   */
  clock?: Clock;
  /** Leave on-hold intervals (on_hold … resumed in the timeline) out of durations. Default false. */
  exclude_on_hold?: boolean;
  /**
   * Add each duration median's 95% interval (`<metric>_ci_low`, `<metric>_ci_high`) beside it.
   * Default false (it sorts every bucket's values, so only charts that draw it ask).
   */
  intervals?: boolean;
}

export const CLOCKS = ['wall', 'business'] as const;
export type Clock = (typeof CLOCKS)[number];

export interface RawMetricRequest {
  metric?: string | undefined;
  by?: string | undefined;
  grain?: string | undefined;
  tz?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** `dim=value` strings; repeated dims are OR-ed. */
  filter?: string[] | undefined;
  cohort?: string | undefined;
  include_drills?: string | boolean | undefined;
  clock?: string | undefined;
  exclude_on_hold?: string | boolean | undefined;
  intervals?: string | boolean | undefined;
}

export const MAX_DIMENSIONS = 2;

const names = (items: readonly { id: string }[]) => items.map((item) => item.id).join(', ');
const list = (raw: string | undefined) =>
  (raw ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '');

export function parseMetricRequest(raw: RawMetricRequest): { request: MetricRequest; errors: string[] } {
  const errors: string[] = [];

  const metrics = list(raw.metric);
  if (metrics.length === 0) errors.push(`metric is required; allowed metrics: ${names(METRICS)}.`);
  for (const id of metrics) {
    if (!findMetric(id)) errors.push(`Unknown metric "${id}"; allowed metrics: ${names(METRICS)}.`);
  }

  const by = list(raw.by);
  for (const id of by) {
    if (!findDimension(id)) errors.push(`Unknown dimension "${id}" in by; allowed dimensions: ${names(DIMENSIONS)}, custom.<key>.`);
  }
  if (by.length > MAX_DIMENSIONS) errors.push(`by takes at most ${MAX_DIMENSIONS} dimensions, got ${by.length}.`);
  if (new Set(by).size !== by.length) errors.push(`by repeats a dimension: ${by.join(', ')}.`);

  let grain: Grain | null = null;
  if (raw.grain !== undefined && raw.grain !== '') {
    if ((GRAINS as readonly string[]).includes(raw.grain)) grain = raw.grain as Grain;
    else errors.push(`Unknown grain "${raw.grain}"; allowed grains: ${GRAINS.join(', ')}.`);
  }

  const tz = raw.tz === undefined || raw.tz === '' ? 'UTC' : raw.tz;
  if (!isTimeZone(tz)) errors.push(`Unknown time zone "${tz}" in tz; use an IANA name such as UTC or Europe/London.`);

  const from = parseDate('from', raw.from, errors);
  const to = parseDate('to', raw.to, errors);
  if (from && to && from >= to) errors.push(`from (${from}) must be before to (${to}); to is exclusive.`);

  let cohort: Cohort = 'opened';
  if (raw.cohort !== undefined && raw.cohort !== '') {
    if ((COHORTS as readonly string[]).includes(raw.cohort)) cohort = raw.cohort as Cohort;
    else errors.push(`Unknown cohort "${raw.cohort}"; allowed cohorts: ${COHORTS.join(', ')}.`);
  }

  let include_drills = parseBoolean('include_drills', raw.include_drills, errors);

  let clock: Clock = 'wall';
  if (raw.clock !== undefined && raw.clock !== '') {
    if ((CLOCKS as readonly string[]).includes(raw.clock)) clock = raw.clock as Clock;
    else errors.push(`Unknown clock "${raw.clock}"; allowed clocks: ${CLOCKS.join(', ')}.`);
  }
  const exclude_on_hold = parseBoolean('exclude_on_hold', raw.exclude_on_hold, errors);
  const intervals = parseBoolean('intervals', raw.intervals, errors);

  const filters: Record<string, string[]> = {};
  for (const item of raw.filter ?? []) {
    const eq = item.indexOf('=');
    const dim = eq > 0 ? item.slice(0, eq).trim() : '';
    const value = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (!dim || !value) {
      errors.push(`Filter "${item}" must look like dimension=value, e.g. severity=SEV1.`);
    } else if (!findDimension(dim)) {
      errors.push(`Unknown dimension "${dim}" in filter; allowed dimensions: ${names(DIMENSIONS)}, custom.<key>.`);
    } else {
      (filters[dim] ??= []).push(value);
    }
  }

  // Breaking down or filtering by `drill` is asking for drills: without them the only value
  // would be 'real', a breakdown that silently shows half of what was asked.
  if (by.includes('drill') || filters.drill) include_drills = true;

  const request: MetricRequest = { metrics, by, grain, tz, from, to, filters, cohort, include_drills, clock, exclude_on_hold };
  // Echoed only when asked for, so every other request (and its cache key) is as before.
  if (intervals) request.intervals = true;
  return { request, errors };
}

function parseDate(field: string, value: string | undefined, errors: string[]): string | null {
  if (value === undefined || value === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    errors.push(`${field} must be a date like 2026-10-01, got "${value}".`);
    return null;
  }
  return value;
}

function parseBoolean(field: string, value: string | boolean | undefined, errors: string[]): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value !== undefined && value !== 'false' && value !== '0' && value !== '') errors.push(`${field} must be true or false, got "${value}".`);
  return false;
}
