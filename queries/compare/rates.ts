/**
 * Share metrics (reopen rate, review coverage, escalation rate, cadence kept, …) compared
 * between two windows: hits and denominators from the compiled catalog (totals.ts), the
 * difference with Newcombe's interval, Fisher's exact or the z-test, and the verdict of
 * stats/proportion-comparison.ts. For `around`, each severity on its own too, and the
 * Cochran–Mantel–Haenszel test stratified by severity (the analogue of van Elteren's test for
 * durations), so a shift in the severity mix cannot pass for a change within severities.
 */
import { metricInfo, type MetricInfo } from '../catalog-info.ts';
import type { MetricDef } from '../metrics/types.ts';
import { SMALL_N, compareProportions, mantelHaenszel, type MantelHaenszel, type ProportionComparison } from '../stats/index.ts';
import { nounOf } from './counts.ts';
import { sortKeyed, type Key } from './keys.ts';
import type { CompareRequest } from './request.ts';
import type { Paired, Tallies } from './totals.ts';

export type RateRow = { key: Key } & ProportionComparison;

export interface RateMetricComparison {
  kind: 'rate';
  metric: MetricInfo;
  rows: RateRow[];
  mix: null;
  strata: RateRow[] | null;
  stratified: (MantelHaenszel & { verdict: string }) | null;
}

/** `tallies`: the metric's hits and denominators in both windows (totals.ts). */
export function compareRateMetric(compare: CompareRequest, metric: MetricDef, tallies: Tallies): RateMetricComparison {
  const info = metricInfo(metric.id, compare.request);
  const options = { lowerIsBetter: metric.lower_is_better, label: info.label, noun: nounOf(metric) };
  const compareRows = (paired: Paired[]) => sortKeyed(paired.map(({ key, current, previous }) => ({ key, ...compareProportions(current, previous, options) })));
  const rows = compareRows(tallies.rows);
  const bySeverity = tallies.strata;
  if (compare.mode !== 'around' || !bySeverity) return { kind: 'rate', metric: info, rows, mix: null, strata: null, stratified: null };
  const test = mantelHaenszel(bySeverity.map(({ key, current, previous }) => ({ stratum: key.severity ?? '(none)', current, previous })));
  const nNow = bySeverity.reduce((sum, group) => sum + group.current.n, 0);
  const nBefore = bySeverity.reduce((sum, group) => sum + group.previous.n, 0);
  return { kind: 'rate', metric: info, rows, mix: null, strata: compareRows(bySeverity), stratified: { ...test, verdict: stratifiedVerdict(test, metric.lower_is_better, nNow, nBefore) } };
}

/** Same rules as compareProportions: SMALL_N per window, alpha 0.05, direction from z. */
function stratifiedVerdict(test: MantelHaenszel, lowerIsBetter: boolean, nNow: number, nBefore: number): string {
  if (test.pValue === null || test.z === null || nNow < SMALL_N || nBefore < SMALL_N) return 'not enough data';
  if (!(test.pValue < 0.05)) return 'no detectable change';
  const improved = lowerIsBetter ? test.z < 0 : test.z > 0;
  return improved ? 'better' : 'worse';
}
