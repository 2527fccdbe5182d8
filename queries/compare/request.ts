/**
 * A comparison request: the usual request (metrics, at most one dimension, zone, filters,
 * cohort, drills, clock) plus which two windows — exactly one of `period`, `from`+`to`, or
 * `around`(+`days`). Parsed like every request: all problems at once, each one sentence with the
 * allowed values (HTTP 400 / exit 2).
 */
import { METRICS, findMetric } from '../metrics/catalog.ts';
import type { MetricDef } from '../metrics/types.ts';
import { parseMetricRequest, type MetricRequest, type RawMetricRequest } from '../request.ts';
import { aroundWindows, periodWindows, rangeWindows, type Windows } from './periods.ts';

export interface RawCompareRequest extends RawMetricRequest {
  /** 2026-10, 2026-Q4, 2026 or 2026-10-05. */
  period?: string | undefined;
  /** A process-change date: compare the `days` before it with the `days` from it. */
  around?: string | undefined;
  /** Default 90. */
  days?: string | number | undefined;
}

export interface CompareRequest {
  /** The shared request; its from/to are those of the current window. */
  request: MetricRequest;
  mode: 'period' | 'around';
  windows: Windows;
  around: string | null;
  days: number | null;
}

export const DEFAULT_AROUND_DAYS = 90;

/**
 * The kinds a comparison can test: durations (medians), counts (Poisson) and shares (two
 * proportions). Means (reassignments) and snapshots (backlog, ages) have no test here yet.
 */
export const COMPARABLE_KINDS: readonly MetricDef['kind'][] = ['duration', 'count', 'rate'];
export const COMPARABLE_METRIC_IDS: readonly string[] = METRICS.filter((metric) => COMPARABLE_KINDS.includes(metric.kind)).map((metric) => metric.id);

const MAX_DAYS = 3660;

export function parseCompareRequest(raw: RawCompareRequest): { compare: CompareRequest | null; errors: string[] } {
  const { request, errors } = parseMetricRequest(raw);
  for (const id of request.metrics) {
    const metric = findMetric(id);
    if (metric && !COMPARABLE_KINDS.includes(metric.kind)) {
      errors.push(`compare works on durations, counts and rates; "${id}" is a ${metric.kind} metric. Allowed metrics: ${COMPARABLE_METRIC_IDS.join(', ')}.`);
    }
  }
  if (request.by.length > 1) errors.push(`compare takes at most one dimension in by, got ${request.by.length}.`);
  if (request.grain) errors.push('compare has no grain: it compares two windows; give period, from and to, or around.');

  const given = [raw.period ? 'period' : null, raw.from || raw.to ? 'from/to' : null, raw.around ? 'around' : null].filter(Boolean);
  if (given.length !== 1) {
    errors.push(`Give exactly one of period (e.g. 2026-10), from and to, or around (a date) with days; got ${given.length ? given.join(' and ') : 'none'}.`);
    return { compare: null, errors };
  }
  let windows: Windows | null = null;
  let days: number | null = null;
  if (raw.period) {
    windows = periodWindows(raw.period);
    if (!windows) errors.push(`period must look like 2026-10, 2026-Q4, 2026 or 2026-10-05, got "${raw.period}".`);
  } else if (raw.around) {
    days = raw.days === undefined || raw.days === '' ? DEFAULT_AROUND_DAYS : Number(raw.days);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) errors.push(`days must be a whole number from 1 to ${MAX_DAYS}, got "${raw.days}".`);
    const around = parseMetricRequest({ metric: 'count', from: raw.around });
    if (around.errors.length) errors.push(`around must be a date like 2026-03-02, got "${raw.around}".`);
    else if (!errors.length) windows = aroundWindows(raw.around, days);
  } else if (!request.from || !request.to) {
    if (!errors.some((error) => error.startsWith('from') || error.startsWith('to'))) errors.push('from and to go together: give both (to is exclusive).');
  } else {
    windows = rangeWindows(request.from, request.to);
  }
  if (errors.length || !windows) return { compare: null, errors };
  return {
    compare: {
      request: { ...request, from: windows.current.from, to: windows.current.to },
      mode: raw.around ? 'around' : 'period',
      windows,
      around: raw.around ?? null,
      days,
    },
    errors: [],
  };
}
