/**
 * The shape of a metric declaration. Declarations are data; compile/ turns them into SQL.
 * SQL fragments in a declaration (`population`, `value`, column names) are written here by
 * Hindsight's developers, never taken from a request; every user value reaches SQL as a bound
 * parameter through the compiler's context (`:name` placeholders below).
 */

/** Timestamps a duration may start or end at: stored columns and ones derived from timelines. */
export type Instant =
  | 'detected_at' | 'opened_at' | 'acknowledged_at' | 'mitigated_at' | 'resolved_at' | 'closed_at'
  | 'first_resolved_at' | 'first_escalated_at' | 'first_update_at' | 'previous_start_in_service';

export type DurationAggregate = 'median' | 'p90' | 'p95' | 'mean' | 'geomean' | 'n';
export type Aggregate = DurationAggregate | 'count' | 'rate';

/** Which rows a metric reads: incidents (with their timelines) or action items. */
export type Entity = 'incidents' | 'action_items';

interface MetricBase {
  id: string;
  label: string;
  /** One sentence shown beside every number computed from this metric. */
  definition: string;
  /** True when a smaller value is an improvement (verdict wording and colours). */
  lower_is_better: boolean;
  entity?: Entity;
  /**
   * Extra condition on the base rows (SQL over base columns), e.g. SEV1–2 only. Placeholders
   * `:name` are bound from the compile context (see compile/context.ts).
   */
  population?: string;
  /** The metric is about drills, so it reads them even when drills are excluded. */
  drills?: boolean;
}

/** Seconds from `start` to `end`, over rows that have both, in order. */
export interface DurationMetric extends MetricBase {
  kind: 'duration';
  unit: 'seconds';
  format: 'duration';
  start: Instant;
  end: Instant;
  aggregates: readonly DurationAggregate[];
}

/** How many rows are in the cohort (and the population). Row keys: `<id>` and `<id>_n`. */
export interface CountMetric extends MetricBase {
  kind: 'count';
  unit: 'count';
  format: 'integer';
  aggregates: readonly ('count' | 'n')[];
}

/** Share of the population meeting `numerator`. Row keys: `<id>_rate`, `<id>_count`, `<id>_n`. */
export interface RateMetric extends MetricBase {
  kind: 'rate';
  unit: 'ratio';
  format: 'percent';
  numerator: string;
  aggregates: readonly ('rate' | 'count' | 'n')[];
}

/** Mean of a per-row number. Row keys: `<id>_mean`, `<id>_n`. */
export interface MeanMetric extends MetricBase {
  kind: 'mean';
  unit: 'count';
  format: 'decimal';
  value: string;
  aggregates: readonly ('mean' | 'n')[];
}

/**
 * State at the end of each period (or at `to`, or now), not a cohort: e.g. the open backlog.
 * `at` is the SQL condition for "is counted at instant :at". `measure` says what is reported:
 * - count: how many rows (key `<id>`);
 * - median_age: the median of :at minus opened_at (keys `<id>_median`, `<id>_n`);
 * - since_latest: :at minus the latest opened_at (key `<id>`, seconds; `<id>_n` rows seen).
 */
export interface SnapshotMetric extends MetricBase {
  kind: 'snapshot';
  unit: 'count' | 'seconds';
  format: 'integer' | 'duration';
  at: string;
  measure: 'count' | 'median_age' | 'since_latest';
  aggregates: readonly ('count' | 'median' | 'n')[];
}

export type MetricDef = DurationMetric | CountMetric | RateMetric | MeanMetric | SnapshotMetric;

export interface DimensionDef {
  id: string;
  label: string;
  /** SQL over base columns; never taken from a request. */
  expr: string;
  /** Entities the dimension exists for (default both). */
  entities?: readonly Entity[];
}
