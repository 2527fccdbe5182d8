/**
 * Period over period (or before/after a process change) for every metric kind a KPI tile
 * shows: durations (durations.ts: medians, Mann–Whitney), counts (counts.ts: Poisson counts
 * over each window's length) and shares (rates.ts: two proportions). Every comparison row has
 * `key`, `current` and `previous` (each with its `n`), `pValue`, `verdict`, `improved`,
 * `smallN`, `alpha` and `sentence`; `kind` says which of the three shapes the rest follows.
 * Metrics run one after the other on the one connection (DuckDB answers one statement at a
 * time per connection anyway).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import { findMetric } from '../metrics/catalog.ts';
import type { MetricRequest } from '../request.ts';
import { compareCountMetric, type CountMetricComparison, type CountRow } from './counts.ts';
import { COMPARE_SEED, compareDurations, type ComparisonRow, type DurationComparison } from './durations.ts';
import type { Windows } from './periods.ts';
import { compareRateMetric, type RateMetricComparison, type RateRow } from './rates.ts';
import type { CompareRequest } from './request.ts';

export { COMPARE_SEED };
export type { ComparisonRow, CountMetricComparison, CountRow, DurationComparison, RateMetricComparison, RateRow };

export type MetricComparison = DurationComparison | CountMetricComparison | RateMetricComparison;

export interface CompareResult {
  request: MetricRequest;
  mode: CompareRequest['mode'];
  windows: Windows;
  comparisons: MetricComparison[];
}

export async function runCompare(connection: DuckDBConnection, compare: CompareRequest, context: CompileContext): Promise<CompareResult> {
  const comparisons: MetricComparison[] = [];
  for (const id of compare.request.metrics) {
    const metric = findMetric(id);
    // The parser admits only these three kinds; anything else reaching here is a bug.
    if (metric?.kind === 'duration') comparisons.push(await compareDurations(connection, compare, metric, context));
    else if (metric?.kind === 'count') comparisons.push(await compareCountMetric(connection, compare, metric, context));
    else if (metric?.kind === 'rate') comparisons.push(await compareRateMetric(connection, compare, metric, context));
    else throw new Error(`compare reached metric "${id}", which it cannot compare.`);
  }
  return { request: compare.request, mode: compare.mode, windows: compare.windows, comparisons };
}
