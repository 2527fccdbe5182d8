/**
 * Duration metrics compared between two windows, from the per-incident durations of both
 * (reached-durations.ts, read once per window for all duration metrics by run.ts): per
 * dimension value the medians, n, ratio with its interval, p-value, verdict, minimum detectable
 * change and sentence (stats/compare.ts); the change of the overall median split into severity
 * mix and speed within severity (stats/mix-adjust.ts); and for `around` comparisons each
 * severity on its own plus van Elteren's test stratified by severity. Pure: no I/O.
 * Only incidents that reached the metric's end instant count, as in the metric's median; the
 * bootstrap seed is fixed, so the same data always gives the same interval and verdict.
 */
import { metricInfo, type MetricInfo } from '../catalog-info.ts';
import { formatDuration } from '../duration.ts';
import type { DurationMetric } from '../metrics/types.ts';
import type { ReachedDuration } from '../reached-durations.ts';
import { comparePeriods, isSmallN, mixAdjust, vanElteren, type Comparison, type MixAdjustment, type StratumSamples, type VanElteren } from '../stats/index.ts';
import { sortKeyed, type Key } from './keys.ts';
import type { CompareRequest } from './request.ts';

export const COMPARE_SEED = 20_260_101;

export type ComparisonRow = { key: Key } & Comparison;

export interface DurationComparison {
  kind: 'duration';
  metric: MetricInfo;
  /** One row per value of the request's dimension (one row without a breakdown). */
  rows: ComparisonRow[];
  /** The overall median's change split into severity mix and within-severity speed. */
  mix: MixAdjustment;
  /** `around` only: each severity compared on its own, and the stratified test over them. */
  strata: ComparisonRow[] | null;
  stratified: (VanElteren & { verdict: string }) | null;
}

/**
 * `samples`: the metric's reached durations in each window, keyed by the request's dimension
 * and severity (run.ts reads them by `[...by without severity, 'severity']`).
 */
export function compareDurations(compare: CompareRequest, metric: DurationMetric, samples: { current: ReachedDuration[]; previous: ReachedDuration[] }): DurationComparison {
  const { request } = compare;
  const { current, previous } = samples;
  const info = metricInfo(metric.id, request);
  const options = { seed: COMPARE_SEED, lowerIsBetter: metric.lower_is_better, label: info.label, formatValue: formatDuration };
  const compareGroups = (dims: string[]) => groups(current, previous, dims).map(({ key, now, before }) => ({ key, ...comparePeriods(now, before, options) }));
  const stratified = compare.mode === 'around' ? vanElteren(severityStrata(current, previous)) : null;
  return Object.defineProperties({} as DurationComparison, {
    kind: { value: 'duration', enumerable: true, writable: true, configurable: true },
    metric: { value: info, enumerable: true, writable: true, configurable: true },
    rows: { value: compareGroups(request.by), enumerable: true, writable: true, configurable: true },
    mix: { get: lazyMix(current, previous), enumerable: true, configurable: true },
    strata: { value: compare.mode === 'around' ? compareGroups(['severity']) : null, enumerable: true, writable: true, configurable: true },
    stratified: { value: stratified && { ...stratified, verdict: stratifiedVerdict(stratified, metric.lower_is_better, current.length, previous.length) }, enumerable: true, writable: true, configurable: true },
  });
}

function severityStrata(current: ReachedDuration[], previous: ReachedDuration[]): StratumSamples[] {
  return groups(current, previous, ['severity']).map(({ key, now, before }) => ({ stratum: key.severity ?? '(none)', current: now, previous: before }));
}

/**
 * The mix split, worked out when first read (the comparison's `mix` is an enumerable getter, so
 * JSON and spreads see a plain field in its usual place): at a month of 60,000 incidents it
 * groups, sorts and weights every value again, and a reader of the verdicts only (the report)
 * never reads it. Built apart from compareDurations so the getter holds only the samples, and
 * lets go of them once read — a cached comparison would otherwise keep both windows' samples.
 */
function lazyMix(current: ReachedDuration[], previous: ReachedDuration[]): () => MixAdjustment {
  let held: { current: ReachedDuration[]; previous: ReachedDuration[] } | null = { current, previous };
  let mix: MixAdjustment | null = null;
  return () => {
    if (held) {
      mix = mixAdjust(severityStrata(held.current, held.previous));
      held = null;
    }
    return mix!;
  };
}

/** Samples of both windows grouped by the given dimensions; every key seen in either window. */
function groups(current: ReachedDuration[], previous: ReachedDuration[], dims: string[]) {
  const out = new Map<string, { key: Key; now: number[]; before: number[] }>();
  // A plain joined key per sample, and the key object built once per group: at a month of
  // 60,000 incidents a JSON.stringify per sample was a visible share of a comparison's time.
  const add = (sample: ReachedDuration, side: 'now' | 'before') => {
    const id = dims.map((dim) => (sample.keys[dim] === null || sample.keys[dim] === undefined ? '\u0000' : `=${sample.keys[dim]}`)).join('\u0001');
    let group = out.get(id);
    if (!group) out.set(id, (group = { key: Object.fromEntries(dims.map((dim) => [dim, sample.keys[dim] ?? null])), now: [], before: [] }));
    group[side].push(sample.seconds);
  };
  current.forEach((sample) => add(sample, 'now'));
  previous.forEach((sample) => add(sample, 'before'));
  if (dims.length === 0 && out.size === 0) out.set('{}', { key: {}, now: [], before: [] });
  return sortKeyed([...out.values()]);
}

/** Same rules as comparePeriods: SMALL_N per window, alpha 0.05, direction from the statistic. */
function stratifiedVerdict(test: VanElteren, lowerIsBetter: boolean, nNow: number, nBefore: number): string {
  if (test.pValue === null || test.z === null || isSmallN(nNow) || isSmallN(nBefore)) return 'not enough data';
  if (!(test.pValue < 0.05)) return 'no detectable change';
  const wentUp = test.z > 0;
  return lowerIsBetter ? (wentUp ? 'slower' : 'faster') : (wentUp ? 'better' : 'worse');
}
