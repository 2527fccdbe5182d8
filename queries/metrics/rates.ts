/**
 * Counts, rates, means and snapshots. Placeholders (`:now`, `:review_days`, …) are bound from
 * the compile context, so the clock and the organisation's settings never enter SQL as text.
 */
import type { CountMetric, MeanMetric, MetricDef, RateMetric, SnapshotMetric } from './types.ts';

const rate = (metric: Omit<RateMetric, 'kind' | 'unit' | 'format' | 'aggregates'>): RateMetric => ({
  kind: 'rate', unit: 'ratio', format: 'percent', aggregates: ['rate', 'count', 'n'], ...metric,
});

export const COUNT_METRICS: readonly CountMetric[] = [
  {
    id: 'count', label: 'Incidents', kind: 'count', unit: 'count', format: 'integer', aggregates: ['count', 'n'], lower_is_better: true,
    definition: 'Number of incidents in the cohort (opened in the period by default, or resolved in it), drills excluded unless included.',
  },
];

export const RATE_METRICS: readonly RateMetric[] = [
  rate({
    id: 'reopen', label: 'Reopen rate', numerator: 'reopen_count > 0', population: 'resolved_at IS NOT NULL AND reopen_count IS NOT NULL', lower_is_better: true,
    definition: 'Share of resolved incidents that were reopened at least once; incidents whose source does not record reopenings are not in n.',
  }),
  rate({
    id: 'resolution_success', label: 'Resolution success', numerator: 'reopen_count = 0', population: 'resolved_at IS NOT NULL AND reopen_count IS NOT NULL', lower_is_better: false,
    definition: 'Share of resolved incidents resolved for good: never reopened; incidents whose source does not record reopenings are not in n.',
  }),
  rate({
    id: 'escalation', label: 'Escalation rate', numerator: 'escalation_count > 0', population: 'escalation_count IS NOT NULL', lower_is_better: true,
    definition: 'Share of incidents escalated at least once; incidents whose source does not record escalations are not in n.',
  }),
  rate({
    id: 'after_hours', label: 'After-hours share', numerator: 'opened_after_hours', lower_is_better: true,
    definition: 'Share of incidents opened outside the business calendar (working days and hours in its time zone, holidays excluded).',
  }),
  rate({
    id: 'review_coverage', label: 'Review coverage', lower_is_better: false,
    // Past the window: resolved at or before now minus the window, compared in integer
    // microseconds (no rounding at the boundary); the cutoff is a context value, not now, so
    // the server can keep it fixed until the next window closes (queries/review-cutoff.ts).
    population: 'severity_rank <= 2 AND resolved_at IS NOT NULL AND epoch_us(resolved_at) <= CAST(:review_cutoff_us AS BIGINT)',
    numerator: 'postmortem_done_at IS NOT NULL AND epoch(postmortem_done_at) - epoch(resolved_at) <= :review_seconds',
    definition: 'Share of resolved SEV1–2 incidents whose post-incident review was done within the review window after resolution; incidents still inside the window are not in n.',
  }),
  rate({
    id: 'recurrence', label: 'Recurrence', lower_is_better: true, population: 'root_cause IS NOT NULL AND service IS NOT NULL',
    numerator: 'previous_same_cause_at IS NOT NULL AND epoch(opened_at) - epoch(previous_same_cause_at) <= :recurrence_seconds',
    definition: 'Share of incidents with a known root cause that repeat an incident of the same service and root cause within the recurrence window.',
  }),
  rate({
    id: 'cadence', label: 'Update cadence kept', lower_is_better: false,
    population: 'resolved_at IS NOT NULL AND cadence_limit_seconds IS NOT NULL',
    numerator: 'max_update_gap_seconds IS NOT NULL AND max_update_gap_seconds <= cadence_limit_seconds',
    definition: "Share of resolved incidents of the severities the communication plan covers (default SEV1–2) whose stakeholder updates, from opening to resolution, were never further apart than the plan's interval for the severity.",
  }),
];

export const MEAN_METRICS: readonly MeanMetric[] = [
  {
    id: 'reassignments', label: 'Reassignments per incident', kind: 'mean', unit: 'count', format: 'decimal', value: 'reassignment_count',
    aggregates: ['mean', 'n'], lower_is_better: true,
    definition: 'Mean number of times an incident changed hands (assignee or group); incidents whose source does not record reassignments are not in n.',
  },
];

export const SNAPSHOT_METRICS: readonly SnapshotMetric[] = [
  {
    id: 'backlog', label: 'Open backlog', kind: 'snapshot', unit: 'count', format: 'integer', aggregates: ['count'], lower_is_better: true,
    at: 'opened_at < :at AND (resolved_at IS NULL OR resolved_at >= :at)', measure: 'count',
    definition: 'Incidents open at the end of the period (opened before it ends, not resolved by then).',
  },
  {
    id: 'open_age', label: 'Age of open incidents', kind: 'snapshot', unit: 'seconds', format: 'duration', aggregates: ['median', 'n'], lower_is_better: true,
    at: 'opened_at < :at AND (resolved_at IS NULL OR resolved_at >= :at)', measure: 'median_age',
    definition: 'Median age of the incidents open at the end of the period.',
  },
  {
    id: 'since_drill', label: 'Time since last drill', kind: 'snapshot', unit: 'seconds', format: 'duration', aggregates: ['count', 'n'], lower_is_better: true,
    at: 'is_drill AND opened_at < :at', measure: 'since_latest', drills: true,
    definition: "Time since the most recent drill before the period's end; break it down by team to see who is due.",
  },
];

export const ACTION_ITEM_METRICS: readonly MetricDef[] = [
  {
    id: 'action_items', label: 'Action items', kind: 'count', unit: 'count', format: 'integer', aggregates: ['count', 'n'], entity: 'action_items', lower_is_better: false,
    definition: 'Follow-up action items created in the period.',
  },
  rate({
    id: 'action_items_overdue', label: 'Overdue action items', entity: 'action_items', lower_is_better: true,
    population: "coalesce(status, 'open') <> 'wont_do'",
    numerator: "due_at < CAST(:now AS TIMESTAMPTZ) AND status = 'open'",
    definition: "Share of action items (created in the period, won't-do ones aside) still open past their due date now.",
  }),
  rate({
    id: 'action_items_on_time', label: 'Action items done on time', entity: 'action_items', lower_is_better: false,
    population: "completed_at IS NOT NULL AND due_at IS NOT NULL AND coalesce(status, 'done') <> 'wont_do'",
    numerator: 'completed_at <= due_at',
    definition: "Share of completed action items (created in the period, won't-do ones aside) that were completed by their due date.",
  }),
  {
    id: 'action_items_open', label: 'Open action items', kind: 'snapshot', unit: 'count', format: 'integer', aggregates: ['count'], entity: 'action_items', lower_is_better: true,
    at: "created_at < :at AND (completed_at IS NULL OR completed_at >= :at) AND status <> 'wont_do'", measure: 'count',
    definition: 'Action items open at the end of the period.',
  },
];
