/** Duration metrics: wall-clock seconds between two instants, median first (the headline). */
import type { DurationAggregate, DurationMetric } from './types.ts';

export const DURATION_AGGREGATES: readonly DurationAggregate[] = ['median', 'p90', 'p95', 'mean', 'geomean', 'n'];

const duration = (metric: Omit<DurationMetric, 'kind' | 'unit' | 'format' | 'aggregates' | 'lower_is_better'> & { lower_is_better?: boolean }): DurationMetric => ({
  kind: 'duration', unit: 'seconds', format: 'duration', aggregates: DURATION_AGGREGATES, lower_is_better: true, ...metric,
});

export const DURATION_METRICS: readonly DurationMetric[] = [
  duration({
    id: 'mtta', label: 'MTTA', start: 'opened_at', end: 'acknowledged_at',
    definition: 'Time to acknowledge: acknowledged_at minus opened_at, over incidents that were acknowledged; never-acknowledged incidents are not in n.',
  }),
  duration({
    id: 'mttr', label: 'MTTR', start: 'opened_at', end: 'resolved_at',
    definition: 'Time to resolve: resolved_at (final resolution) minus opened_at, over resolved incidents; still-open incidents are not in n.',
  }),
  duration({
    id: 'ttfr', label: 'Time to first resolution', start: 'opened_at', end: 'first_resolved_at',
    definition: 'First resolution minus opened_at: for reopened incidents the first time they were marked resolved (from the timeline), else resolved_at.',
  }),
  duration({
    id: 'mttd', label: 'MTTD', start: 'detected_at', end: 'opened_at',
    definition: 'Time to detect: opened_at minus detected_at (when the problem began or was first seen), over incidents that record detection.',
  }),
  duration({
    id: 'mttm', label: 'MTTM', start: 'opened_at', end: 'mitigated_at',
    definition: 'Time to mitigate: mitigated_at minus opened_at, over incidents that record mitigation.',
  }),
  duration({
    id: 'tte', label: 'Time to escalate', start: 'opened_at', end: 'first_escalated_at',
    definition: 'First escalation in the timeline minus opened_at, over escalated incidents.',
  }),
  duration({
    id: 'ttfu', label: 'Time to first update', start: 'opened_at', end: 'first_update_at',
    definition: 'First stakeholder update in the timeline minus opened_at, over incidents with updates.',
  }),
  duration({
    id: 'mtbf', label: 'MTBF', start: 'previous_start_in_service', end: 'opened_at', lower_is_better: false,
    definition: "Time between failures: opened_at minus the previous real incident's opened_at in the same service; break it down by service.",
  }),
];
