/**
 * Numbers for the period against the previous period, each with its n and — where the
 * comparison engine can test the metric — its verdict and sentence from compare/run.ts (never
 * a second statistic). The numbers come from runMetrics, i.e. the compiled catalog, so they
 * equal GET /api/metrics for the same scope and window.
 */
import { metricInfo } from '../catalog-info.ts';
import { parseCompareRequest } from '../compare/request.ts';
import { runCompare } from '../compare/run.ts';
import type { Window } from '../compare/periods.ts';
import { findMetric } from '../metrics/catalog.ts';
import type { MetricRequest } from '../request.ts';
import type { MetricRow } from '../run.ts';
import type { ReportReader } from './reader.ts';
import type { Definition, MetricChange } from './types.ts';

/** A metric and which of its aggregates is the headline number (median for durations). */
export interface MetricPick {
  metric: string;
  aggregate?: string;
}

/** The row key of a metric's number and of its n, as the compiler names them (compile/aggregates.ts). */
export function keysOf(metric: string, aggregate?: string): { value: string; n: string; aggregate: string } {
  const declaration = findMetric(metric);
  if (!declaration) throw new Error(`Report metric "${metric}" is not in the catalog.`);
  const chosen = aggregate ?? { duration: 'median', count: 'count', rate: 'rate', mean: 'mean', snapshot: declaration.kind === 'snapshot' && declaration.measure === 'median_age' ? 'median' : 'count' }[declaration.kind];
  const plain = (declaration.kind === 'count' || declaration.kind === 'snapshot') && chosen === 'count';
  return { value: plain ? metric : `${metric}_${chosen}`, n: `${metric}_n`, aggregate: chosen };
}

/** One grain-less row per window, per entity (incidents and action items cannot share a query). */
export async function windowRows(reader: ReportReader, scope: MetricRequest, window: Window, metrics: string[], by: string[] = []): Promise<MetricRow[]> {
  const groups = new Map<string, string[]>();
  for (const id of new Set(metrics)) {
    const entity = findMetric(id)?.entity ?? 'incidents';
    groups.set(entity, [...(groups.get(entity) ?? []), id]);
  }
  const merged = new Map<string, MetricRow>();
  // Every entity's statement is asked for before any is awaited, so sections started together see them all.
  const answers = [...groups.values()].map((ids) => reader.rows({ ...scope, metrics: ids, by, grain: null, from: window.from, to: window.to }));
  for (const rows of await Promise.all(answers)) {
    for (const row of rows) {
      const key = JSON.stringify(by.map((id) => row[id] ?? null));
      merged.set(key, { ...(merged.get(key) ?? {}), ...row });
    }
  }
  return [...merged.values()];
}

const numberOr = (value: unknown, fallback: number | null): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

export async function metricChanges(
  reader: ReportReader,
  scope: MetricRequest,
  windows: { current: Window; previous: Window },
  picks: MetricPick[],
): Promise<MetricChange[]> {
  const ids = picks.map((pick) => pick.metric);
  // Both windows' numbers are asked for first: the comparison's counts and shares are then read
  // from the same statements (reader.ts) instead of scanning each window again.
  // Promise.all, not awaits in turn: a failure of one must not leave the others' unhandled.
  const [[current], [previous], verdicts] = await Promise.all([
    windowRows(reader, scope, windows.current, ids),
    windowRows(reader, scope, windows.previous, ids),
    verdictsOf(reader, scope, windows, picks),
  ]);
  const out: MetricChange[] = [];
  for (const pick of picks) {
    const info = metricInfo(pick.metric, scope);
    const keys = keysOf(pick.metric, pick.aggregate);
    const value = numberOr(current?.[keys.value], null);
    const before = numberOr(previous?.[keys.value], null);
    const tested = TESTED_AGGREGATES.includes(keys.aggregate) ? verdicts.get(pick.metric) : undefined;
    out.push({
      metric: pick.metric,
      aggregate: keys.aggregate,
      label: info.label,
      format: keys.aggregate === 'n' ? 'integer' : info.format,
      lower_is_better: info.lower_is_better,
      value,
      previous: before,
      n: numberOr(current?.[keys.n], null) ?? numberOr(current?.[keys.value], 0) ?? 0,
      previous_n: numberOr(previous?.[keys.n], null) ?? numberOr(previous?.[keys.value], 0) ?? 0,
      relative_change: value !== null && before !== null && before !== 0 ? value / before - 1 : null,
      verdict: tested?.verdict ?? null,
      sentence: tested?.sentence ?? null,
    });
  }
  return out;
}

/** The comparison engine's verdicts are about medians, rates and counts; other aggregates are shown untested. */
const TESTED_AGGREGATES = ['median', 'rate', 'count'];

/**
 * The comparison engine's verdict and sentence per metric over the two windows, from one
 * compare run for all the metrics it accepts (each metric asked alone first, a pure parse, so
 * one it refuses — a mean, a snapshot — is shown without a verdict instead of failing the rest).
 * The windows are passed as from/to and then set exactly, so a range compares with the one given.
 */
async function verdictsOf(reader: ReportReader, scope: MetricRequest, windows: { current: Window; previous: Window }, picks: MetricPick[]) {
  const filter = Object.entries(scope.filters).flatMap(([dim, values]) => values.map((value) => `${dim}=${value}`));
  const raw = (metric: string) => ({
    metric, from: windows.current.from, to: windows.current.to, tz: scope.tz, filter, cohort: scope.cohort,
    include_drills: scope.include_drills, clock: scope.clock, exclude_on_hold: scope.exclude_on_hold,
  });
  const testable = [...new Set(picks.filter((pick) => TESTED_AGGREGATES.includes(keysOf(pick.metric, pick.aggregate).aggregate)).map((pick) => pick.metric))]
    .filter((metric) => parseCompareRequest(raw(metric)).compare !== null);
  const out = new Map<string, { verdict: string; sentence: string | null }>();
  if (!testable.length) return out;
  const { compare, errors } = parseCompareRequest(raw(testable.join(',')));
  if (!compare) throw new Error(`Report comparison of ${testable.join(', ')} was refused: ${errors.join(' ')}`);
  compare.windows = windows;
  const result = await runCompare(reader.connection, compare, reader.context, (request) => reader.rows(request));
  for (const comparison of result.comparisons) {
    const row = comparison.rows[0];
    if (row) out.set(comparison.metric.id, { verdict: String(row.verdict), sentence: String((row as { sentence?: unknown }).sentence ?? '') || null });
  }
  return out;
}

/** The definitions of the metrics a section uses, as the catalog states them. */
export function definitionsOf(scope: MetricRequest, ...metrics: string[]): Definition[] {
  return [...new Set(metrics)].map((id) => {
    const info = metricInfo(id, scope);
    return { term: info.label, text: info.definition };
  });
}
