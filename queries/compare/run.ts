/**
 * Period over period (or before/after a process change) for every metric kind a KPI tile
 * shows: durations (durations.ts: medians, Mann–Whitney), counts (counts.ts: Poisson counts
 * over each window's length) and shares (rates.ts: two proportions). Every comparison row has
 * `key`, `current` and `previous` (each with its `n`), `pValue`, `verdict`, `improved`,
 * `smallN`, `alpha` and `sentence`; `kind` says which of the three shapes the rest follows.
 * Reading (gatherCompare: a few statements, all asked for at once on the one connection) is
 * apart from judging (judgeCompare: pure statistics), so each can be tested and timed alone.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import { findMetric } from '../metrics/catalog.ts';
import type { MetricDef } from '../metrics/types.ts';
import { runReachedDurations, type ReachedDuration } from '../reached-durations.ts';
import type { MetricRequest } from '../request.ts';
import { compareCountMetric, type CountMetricComparison, type CountRow } from './counts.ts';
import { windowExposures, type Exposures } from './exposure.ts';
import { COMPARE_SEED, compareDurations, type ComparisonRow, type DurationComparison } from './durations.ts';
import type { Window, Windows } from './periods.ts';
import { compareRateMetric, type RateMetricComparison, type RateRow } from './rates.ts';
import type { CompareRequest } from './request.ts';
import { tallyMetrics, type MetricRowsReader, type Tallies } from './totals.ts';

export { COMPARE_SEED };
export type { ComparisonRow, CountMetricComparison, CountRow, DurationComparison, RateMetricComparison, RateRow };

export type MetricComparison = DurationComparison | CountMetricComparison | RateMetricComparison;

export interface CompareResult {
  request: MetricRequest;
  mode: CompareRequest['mode'];
  windows: Windows;
  comparisons: MetricComparison[];
}

/**
 * Everything a comparison reads from the database, in as few statements as the tiles use: per
 * window one statement for all duration metrics (reached durations by dimension and severity)
 * and one per entity for all counts and shares (totals.ts), plus the windows' lengths.
 */
export interface CompareInputs {
  compare: CompareRequest;
  metrics: MetricDef[];
  durations: { current: Map<string, ReachedDuration[]>; previous: Map<string, ReachedDuration[]> } | null;
  tallies: Map<string, Tallies>;
  exposure: Exposures | null;
}

/** `read`: where count and share tallies come from (totals.ts); runMetrics when not given. */
export async function gatherCompare(connection: DuckDBConnection, compare: CompareRequest, context: CompileContext, read?: MetricRowsReader): Promise<CompareInputs> {
  const metrics = compare.request.metrics.map((id) => {
    const metric = findMetric(id);
    // The parser admits only these three kinds; anything else reaching here is a bug.
    if (!metric || !['duration', 'count', 'rate'].includes(metric.kind)) throw new Error(`compare reached metric "${id}", which it cannot compare.`);
    return metric;
  });
  const durationIds = metrics.filter((metric) => metric.kind === 'duration').map((metric) => metric.id);
  const tallied = metrics.filter((metric) => metric.kind !== 'duration').map((metric) => metric.id);
  // Durations are always read by severity too: the mix split and the strata need it.
  const by = [...compare.request.by.filter((id) => id !== 'severity'), 'severity'];
  const reached = (window: Window) => runReachedDurations(connection, { ...compare.request, by, from: window.from, to: window.to }, durationIds, context);
  // Every read is asked for before any is awaited: the connection still runs them one at a time,
  // but a caller running other work beside (the report) gets these answered first and in order.
  const [current, previous, tallies, exposure] = await Promise.all([
    durationIds.length ? reached(compare.windows.current) : null,
    durationIds.length ? reached(compare.windows.previous) : null,
    tallied.length ? tallyMetrics(connection, compare, tallied, context, read) : new Map<string, Tallies>(),
    metrics.some((metric) => metric.kind === 'count') ? windowExposures(connection, compare.windows, compare.request.tz, context) : null,
  ]);
  return { compare, metrics, durations: current && previous ? { current, previous } : null, tallies, exposure };
}

/** The verdicts from what gatherCompare read. Pure. */
export function judgeCompare(inputs: CompareInputs): CompareResult {
  const { compare } = inputs;
  const comparisons = inputs.metrics.map((metric): MetricComparison => {
    if (metric.kind === 'duration') {
      return compareDurations(compare, metric, { current: inputs.durations!.current.get(metric.id)!, previous: inputs.durations!.previous.get(metric.id)! });
    }
    if (metric.kind === 'count') return compareCountMetric(compare, metric, inputs.tallies.get(metric.id)!, inputs.exposure!);
    return compareRateMetric(compare, metric, inputs.tallies.get(metric.id)!);
  });
  return { request: compare.request, mode: compare.mode, windows: compare.windows, comparisons };
}

export async function runCompare(connection: DuckDBConnection, compare: CompareRequest, context: CompileContext, read?: MetricRowsReader): Promise<CompareResult> {
  return judgeCompare(await gatherCompare(connection, compare, context, read));
}
