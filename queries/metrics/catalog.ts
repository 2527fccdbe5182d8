/**
 * The metric catalog: every metric Hindsight shows is declared once, here and in the files it
 * assembles. The compiler, the API, the dashboard's tooltips, exports, reports and emails all
 * read these declarations, so the definition shown beside a number is the one that computed it.
 */
import { DIMENSIONS, findDimension } from './dimensions.ts';
import { DURATION_METRICS } from './durations.ts';
import { ACTION_ITEM_METRICS, COUNT_METRICS, MEAN_METRICS, RATE_METRICS, SNAPSHOT_METRICS } from './rates.ts';
import type { MetricDef } from './types.ts';

export const METRICS: readonly MetricDef[] = [
  ...COUNT_METRICS, ...DURATION_METRICS, ...RATE_METRICS, ...MEAN_METRICS, ...SNAPSHOT_METRICS, ...ACTION_ITEM_METRICS,
];

export { DIMENSIONS, findDimension };

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

export const COHORTS = ['opened', 'resolved'] as const;
export type Cohort = (typeof COHORTS)[number];

export function findMetric(id: string): MetricDef | undefined {
  return METRICS.find((metric) => metric.id === id);
}
