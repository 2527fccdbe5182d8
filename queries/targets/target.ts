/**
 * A target per severity, in one of the two forms people write (DESIGN "clear objectives"):
 * - share:     `90% acknowledged within 5m` — at least 90% of the severity's incidents reach
 *              the metric's end instant within 5 minutes of its start;
 * - aggregate: `p90(mtta) <= 5m` — an aggregate of the metric's durations compared with a bound.
 * Only duration metrics can be targets: both forms compare seconds with a threshold.
 */
import { formatDuration } from '../duration.ts';

export const TARGET_AGGREGATES = ['median', 'p90', 'p95', 'mean', 'geomean'] as const;
export type TargetAggregate = (typeof TARGET_AGGREGATES)[number];

export const TARGET_OPERATORS = ['<=', '<', '>=', '>'] as const;
export type TargetOperator = (typeof TARGET_OPERATORS)[number];

/** The words a share target may use for a metric, besides the metric ids themselves. */
export const TARGET_VERBS: Record<string, string> = {
  acknowledged: 'mtta',
  resolved: 'mttr',
  mitigated: 'mttm',
  detected: 'mttd',
  escalated: 'tte',
  updated: 'ttfu',
};

interface TargetBase {
  /** Severity value the target applies to (e.g. SEV1); null = every incident. */
  severity: string | null;
  /** A duration metric id from the catalog. */
  metric: string;
  /** Seconds. */
  threshold: number;
}

export interface ShareTarget extends TargetBase {
  kind: 'share';
  /** Fraction 0–1 that must be within the threshold. */
  share: number;
}

export interface AggregateTarget extends TargetBase {
  kind: 'aggregate';
  aggregate: TargetAggregate;
  operator: TargetOperator;
}

export type Target = ShareTarget | AggregateTarget;

/** The canonical text of a target, e.g. 'SEV1: 90% mtta within 5m' or 'p90(mtta) <= 5m'. */
export function describeTarget(target: Target): string {
  const body = target.kind === 'share'
    ? `${+(target.share * 100).toFixed(2)}% ${verbOf(target.metric)} within ${formatDuration(target.threshold)}`
    : `${target.aggregate}(${target.metric}) ${target.operator} ${formatDuration(target.threshold)}`;
  return target.severity ? `${target.severity}: ${body}` : body;
}

function verbOf(metric: string): string {
  return Object.entries(TARGET_VERBS).find(([, id]) => id === metric)?.[0] ?? metric;
}
