/**
 * The Kaplan–Meier time-to-resolve curve (or to any duration metric's end) for a request's
 * incidents, with still-open ones censored at their age now — so the slowest incidents are in
 * the estimate instead of silently missing from MTTR. Optionally one curve per value of one
 * dimension. Samples come from samples.ts (the compiler's own population); the statistics from
 * stats/survival.ts.
 *
 * `steps` is thinned for transport: at most about `maxPoints` points, keeping every step where
 * S(t) fell by at least 1/maxPoints since the last kept one, plus the first and last. The
 * median, its interval and the counts are computed from the full curve.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { metricInfo, type MetricInfo } from './catalog-info.ts';
import type { CompileContext } from './compile/context.ts';
import { InputError } from './errors.ts';
import type { MetricRequest } from './request.ts';
import { runSamples } from './samples.ts';
import { kaplanMeier, type SurvivalStep } from './stats/index.ts';

export interface SurvivalGroup {
  /** Dimension id → value; {} without a breakdown. */
  key: Record<string, string | null>;
  n: number;
  /** Reached the end instant (e.g. resolved). */
  events: number;
  /** Still open (or closed without reaching it): censored. */
  censored: number;
  median: number | null;
  medianCi: { lower: number | null; upper: number | null };
  level: number;
  /** Why the median is null ("median not reached: …"), else null. */
  reason: string | null;
  steps: SurvivalStep[];
}

export interface SurvivalResult {
  request: MetricRequest;
  metric: MetricInfo;
  groups: SurvivalGroup[];
}

export const SURVIVAL_MAX_POINTS = 500;

export async function runSurvival(connection: DuckDBConnection, request: MetricRequest, context: CompileContext, maxPoints = SURVIVAL_MAX_POINTS): Promise<SurvivalResult> {
  if (request.metrics.length !== 1) throw new InputError(`survival takes one metric, got ${request.metrics.length}: ${request.metrics.join(', ')}.`);
  if (request.by.length > 1) throw new InputError(`survival takes at most one dimension in by, got ${request.by.length}.`);
  if (request.grain) throw new InputError('survival has no grain: it is one curve per group over the whole range; use from and to.');
  const metric = request.metrics[0]!;
  const samples = await runSamples(connection, request, metric, context);
  const groups = new Map<string, { key: Record<string, string | null>; observations: Array<{ time: number; event: boolean }> }>();
  for (const sample of samples) {
    const id = JSON.stringify(sample.keys);
    const group = groups.get(id) ?? { key: sample.keys, observations: [] };
    group.observations.push({ time: sample.seconds, event: sample.reached });
    groups.set(id, group);
  }
  if (request.by.length === 0 && groups.size === 0) groups.set('{}', { key: {}, observations: [] });
  const result = [...groups.values()].map(({ key, observations }): SurvivalGroup => {
    const curve = kaplanMeier(observations);
    return {
      key, n: curve.n, events: curve.events, censored: curve.censored, median: curve.median,
      medianCi: curve.medianCi, level: curve.level, reason: curve.reason, steps: thinSteps(curve.steps, maxPoints),
    };
  });
  result.sort((a, b) => compareKeys(a.key, b.key, request.by));
  return { request, metric: metricInfo(metric, request), groups: result };
}

/** See the module comment. */
export function thinSteps(steps: readonly SurvivalStep[], maxPoints: number): SurvivalStep[] {
  if (steps.length <= maxPoints) return [...steps];
  const kept: SurvivalStep[] = [];
  let last = 1;
  steps.forEach((step, i) => {
    if (i === 0 || i === steps.length - 1 || last - step.survival >= 1 / maxPoints) {
      kept.push(step);
      last = step.survival;
    }
  });
  return kept;
}

function compareKeys(a: Record<string, string | null>, b: Record<string, string | null>, by: readonly string[]): number {
  for (const id of by) {
    const x = a[id] ?? null;
    const y = b[id] ?? null;
    if (x === y) continue;
    if (x === null) return 1; // unknown last, as in metric rows
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
