/**
 * Period over period (or before/after a process change) for duration metrics, from the
 * per-incident samples of both windows: per metric and dimension value the medians, n, ratio
 * with its interval, p-value, verdict, minimum detectable change and the sentence
 * (stats/compare.ts); the change of the overall median split into severity mix and speed within
 * severity (stats/mix-adjust.ts); and for `around` comparisons each severity on its own plus
 * van Elteren's test stratified by severity.
 * Only incidents that reached the metric's end instant count, as in the metric's median; the
 * bootstrap seed is fixed, so the same data always gives the same interval and verdict.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { metricInfo, type MetricInfo } from '../catalog-info.ts';
import type { CompileContext } from '../compile/context.ts';
import { formatDuration } from '../duration.ts';
import { findMetric } from '../metrics/catalog.ts';
import type { MetricRequest } from '../request.ts';
import { runSamples, type Sample } from '../samples.ts';
import { comparePeriods, isSmallN, mixAdjust, vanElteren, type Comparison, type MixAdjustment, type VanElteren } from '../stats/index.ts';
import type { CompareRequest } from './request.ts';
import type { Windows } from './periods.ts';

export const COMPARE_SEED = 20_260_101;

export type ComparisonRow = { key: Record<string, string | null> } & Comparison;

export interface MetricComparison {
  metric: MetricInfo;
  /** One row per value of the request's dimension (one row without a breakdown). */
  rows: ComparisonRow[];
  /** The overall median's change split into severity mix and within-severity speed. */
  mix: MixAdjustment;
  /** `around` only: each severity compared on its own, and the stratified test over them. */
  strata: ComparisonRow[] | null;
  stratified: (VanElteren & { verdict: string }) | null;
}

export interface CompareResult {
  request: MetricRequest;
  mode: CompareRequest['mode'];
  windows: Windows;
  comparisons: MetricComparison[];
}

export async function runCompare(connection: DuckDBConnection, compare: CompareRequest, context: CompileContext): Promise<CompareResult> {
  const { request, windows } = compare;
  const by = [...request.by.filter((id) => id !== 'severity'), 'severity'];
  const comparisons: MetricComparison[] = [];
  for (const id of request.metrics) {
    const declaration = findMetric(id)!;
    const load = async (window: Windows['current']) =>
      (await runSamples(connection, { ...request, by, from: window.from, to: window.to, metrics: [id] }, id, context)).filter((sample) => sample.reached);
    const current = await load(windows.current);
    const previous = await load(windows.previous);
    const info = metricInfo(id, request);
    const options = { seed: COMPARE_SEED, lowerIsBetter: declaration.lower_is_better, label: info.label, formatValue: formatDuration };
    const compareGroups = (dims: string[]) => groups(current, previous, dims).map(({ key, now, before }) => ({ key, ...comparePeriods(now, before, options) }));
    const bySeverity = groups(current, previous, ['severity']);
    const strata = bySeverity.map(({ key, now, before }) => ({ stratum: key.severity ?? '(none)', current: now, previous: before }));
    const stratified = compare.mode === 'around' ? vanElteren(strata) : null;
    comparisons.push({
      metric: info,
      rows: compareGroups(request.by),
      mix: mixAdjust(strata),
      strata: compare.mode === 'around' ? compareGroups(['severity']) : null,
      stratified: stratified && { ...stratified, verdict: stratifiedVerdict(stratified, declaration.lower_is_better, current.length, previous.length) },
    });
  }
  return { request, mode: compare.mode, windows, comparisons };
}

/** Samples of both windows grouped by the given dimensions; every key seen in either window. */
function groups(current: Sample[], previous: Sample[], dims: string[]) {
  const out = new Map<string, { key: Record<string, string | null>; now: number[]; before: number[] }>();
  const add = (sample: Sample, side: 'now' | 'before') => {
    const key = Object.fromEntries(dims.map((id) => [id, sample.keys[id] ?? null]));
    const id = JSON.stringify(key);
    const group = out.get(id) ?? { key, now: [], before: [] };
    group[side].push(sample.seconds);
    out.set(id, group);
  };
  current.forEach((sample) => add(sample, 'now'));
  previous.forEach((sample) => add(sample, 'before'));
  if (dims.length === 0 && out.size === 0) out.set('{}', { key: {}, now: [], before: [] });
  return [...out.values()].sort((a, b) => JSON.stringify(Object.values(a.key).map((v) => v ?? '\uffff')).localeCompare(JSON.stringify(Object.values(b.key).map((v) => v ?? '\uffff'))));
}

/** Same rules as comparePeriods: SMALL_N per window, alpha 0.05, direction from the statistic. */
function stratifiedVerdict(test: VanElteren, lowerIsBetter: boolean, nNow: number, nBefore: number): string {
  if (test.pValue === null || test.z === null || isSmallN(nNow) || isSmallN(nBefore)) return 'not enough data';
  if (!(test.pValue < 0.05)) return 'no detectable change';
  const wentUp = test.z > 0;
  return lowerIsBetter ? (wentUp ? 'slower' : 'faster') : (wentUp ? 'better' : 'worse');
}
