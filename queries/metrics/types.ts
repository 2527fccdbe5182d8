/** The shape of a metric declaration. Declarations are data; compile.ts turns them into SQL. */

/** Timestamp columns of `incidents` that a duration may start or end at. */
export type TimestampColumn =
  | 'detected_at'
  | 'opened_at'
  | 'acknowledged_at'
  | 'mitigated_at'
  | 'resolved_at'
  | 'closed_at';

export type DurationAggregate = 'median' | 'p90' | 'mean' | 'n';
export type CountAggregate = 'count' | 'n';
export type Aggregate = DurationAggregate | CountAggregate;

interface MetricBase {
  id: string;
  label: string;
  /** One sentence shown beside every number computed from this metric. */
  definition: string;
  /** True when a smaller value is an improvement (drives verdict wording and colours). */
  lower_is_better: boolean;
}

/** A duration in seconds from `start` to `end`, over incidents that have both, in order. */
export interface DurationMetric extends MetricBase {
  kind: 'duration';
  unit: 'seconds';
  format: 'duration';
  start: TimestampColumn;
  end: TimestampColumn;
  aggregates: readonly DurationAggregate[];
}

/** The number of incidents in the cohort. Its value column is the metric id itself. */
export interface CountMetric extends MetricBase {
  kind: 'count';
  unit: 'count';
  format: 'integer';
  aggregates: readonly CountAggregate[];
}

export type MetricDef = DurationMetric | CountMetric;

export interface DimensionDef {
  id: string;
  label: string;
  /** The incidents column the dimension reads; never taken from a request. */
  column: 'severity' | 'service' | 'team' | 'source';
}
