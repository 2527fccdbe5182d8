/**
 * Count metrics (incidents opened, action items created) compared between two windows as
 * Poisson counts with exposure = each window's length in days (exposure.ts), with the exact
 * conditional test, the rate ratio's interval and the verdict of stats/count-comparison.ts.
 * Counts come from the compiled catalog (totals.ts); this file is pure.
 * For `around`, each severity is compared on its own too. There is no stratified test: under a
 * rate ratio common to all severities, the stratified conditional test is the overall test
 * (a sum of binomials with one probability is that binomial), so it would repeat the row.
 */
import { metricInfo, type MetricInfo } from '../catalog-info.ts';
import type { MetricDef } from '../metrics/types.ts';
import { compareCounts, type CountComparison } from '../stats/index.ts';
import type { Exposures } from './exposure.ts';
import { sortKeyed, type Key } from './keys.ts';
import type { CompareRequest } from './request.ts';
import type { Paired, Tallies } from './totals.ts';

export type CountRow = { key: Key } & CountComparison;

export interface CountMetricComparison {
  kind: 'count';
  metric: MetricInfo;
  /** Days of each window counted (the part before now for a window that contains it). */
  exposure: Exposures;
  rows: CountRow[];
  mix: null;
  strata: CountRow[] | null;
  stratified: null;
}

export const nounOf = (metric: MetricDef) => (metric.entity === 'action_items' ? 'action items' : 'incidents');

/** `tallies`: the metric's counts in both windows (totals.ts); `exposure`: the windows' days. */
export function compareCountMetric(compare: CompareRequest, metric: MetricDef, tallies: Tallies, exposure: Exposures): CountMetricComparison {
  const info = metricInfo(metric.id, compare.request);
  const options = { lowerIsBetter: metric.lower_is_better, label: info.label, noun: nounOf(metric), unit: exposure.unit };
  const compareRows = (paired: Paired[]) => sortKeyed(paired.map(({ key, current, previous }) => ({
    key, ...compareCounts({ count: current.hits, exposure: exposure.current }, { count: previous.hits, exposure: exposure.previous }, options),
  })));
  return { kind: 'count', metric: info, exposure, rows: compareRows(tallies.rows), mix: null, strata: tallies.strata && compareRows(tallies.strata), stratified: null };
}

