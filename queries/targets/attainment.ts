/**
 * Target attainment per period: the configured targets judged over the request's incidents
 * (same cohort, range, filters, drills rule and clock as GET /api/metrics). One samples query
 * per metric the targets use, broken down by severity; the periods come from the compiler's
 * own zero-filled series, so an empty month is a row saying `not enough data`, never a gap.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import { findMetric } from '../metrics/catalog.ts';
import type { MetricRequest } from '../request.ts';
import { runMetrics } from '../run.ts';
import { runSamples, type Sample } from '../samples.ts';
import { judgeTarget, type Judgement, type JudgeOptions } from './judge.ts';
import { describeTarget, type Target } from './target.ts';

export type TargetReport = Target & {
  /** Canonical text, e.g. 'SEV1: 90% acknowledged within 5m'. */
  text: string;
  /** The metric's label and definition from the catalog. */
  label: string;
  definition: string;
  periods: Array<{ period: string | null } & Judgement>;
};

export interface TargetsResult {
  request: MetricRequest;
  targets: TargetReport[];
}

export async function targetAttainment(
  connection: DuckDBConnection,
  request: MetricRequest,
  targets: readonly Target[],
  context: CompileContext,
  options: JudgeOptions = {},
): Promise<TargetsResult> {
  // Targets are per severity whatever the request's breakdown; other filters still apply.
  const scoped: MetricRequest = { ...request, metrics: ['count'], by: [] };
  const periods = request.grain
    ? (await runMetrics(connection, scoped, context)).rows.map((row) => String(row.period))
    : [null];
  const samplesByMetric = new Map<string, Sample[]>();
  for (const metric of new Set(targets.map((target) => target.metric))) {
    samplesByMetric.set(metric, await runSamples(connection, { ...scoped, metrics: [metric], by: ['severity'] }, metric, context));
  }
  const reports = targets.map((target): TargetReport => {
    const declaration = findMetric(target.metric);
    if (!declaration) throw new Error(`Target metric "${target.metric}" is not in the catalog.`);
    const wanted = target.severity?.toLowerCase() ?? null;
    const mine = (samplesByMetric.get(target.metric) ?? [])
      .filter((sample) => wanted === null || sample.keys.severity?.toLowerCase() === wanted);
    return {
      ...target,
      text: describeTarget(target),
      label: declaration.label,
      definition: declaration.definition,
      periods: periods.map((period) => ({ period, ...judgeTarget(target, mine.filter((sample) => sample.period === period), options) })),
    };
  });
  return { request, targets: reports };
}
