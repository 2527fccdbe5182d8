/**
 * The metric catalog: every metric Hindsight shows is declared here once. The compiler, the API,
 * the dashboard's tooltips, exports, reports and emails all read these declarations, so a
 * definition shown beside a number is the one that computed it.
 */
import type { DimensionDef, MetricDef } from './types.ts';

const DURATION_AGGREGATES = ['median', 'p90', 'mean', 'n'] as const;

export const METRICS: readonly MetricDef[] = [
  {
    id: 'mtta',
    label: 'MTTA',
    definition:
      'Time to acknowledge: acknowledged_at minus opened_at, over incidents that were acknowledged; never-acknowledged incidents are not in n.',
    kind: 'duration',
    unit: 'seconds',
    format: 'duration',
    start: 'opened_at',
    end: 'acknowledged_at',
    aggregates: DURATION_AGGREGATES,
    lower_is_better: true,
  },
  {
    id: 'mttr',
    label: 'MTTR',
    definition:
      'Time to resolve: resolved_at (final resolution) minus opened_at, over resolved incidents; still-open incidents are not in n.',
    kind: 'duration',
    unit: 'seconds',
    format: 'duration',
    start: 'opened_at',
    end: 'resolved_at',
    aggregates: DURATION_AGGREGATES,
    lower_is_better: true,
  },
  {
    id: 'count',
    label: 'Incidents',
    definition: 'Number of incidents in the cohort (opened in the period by default), drills excluded unless included.',
    kind: 'count',
    unit: 'count',
    format: 'integer',
    aggregates: ['count', 'n'],
    lower_is_better: true,
  },
];

export const DIMENSIONS: readonly DimensionDef[] = [
  { id: 'severity', label: 'Severity', column: 'severity' },
  { id: 'service', label: 'Service', column: 'service' },
  { id: 'team', label: 'Team', column: 'team' },
  { id: 'source', label: 'Source', column: 'source' },
];

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

export const COHORTS = ['opened', 'resolved'] as const;
export type Cohort = (typeof COHORTS)[number];

export function findMetric(id: string): MetricDef | undefined {
  return METRICS.find((metric) => metric.id === id);
}

export function findDimension(id: string): DimensionDef | undefined {
  return DIMENSIONS.find((dimension) => dimension.id === id);
}
