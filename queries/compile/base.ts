/**
 * The `base` rows a request reads: incidents with the instants and facts derived from their
 * timelines and neighbours, or action items with their incident's dimensions. Derived columns
 * are added only when a requested metric refers to them, so the common request (MTTA/MTTR by
 * severity) reads the incidents table alone.
 */
import type { Entity, MetricDef } from '../metrics/types.ts';
import type { Params } from './params.ts';

/** Announced maintenance (status pages): never an incident, never a failure. */
export const MAINTENANCE = "list_contains(i.quality_flags, 'maintenance')";

/** Derived incident columns and the SQL that makes each one (over `i` and the joins below). */
const DERIVED: Record<string, { sql: string; needs?: 'events' | 'gaps' }> = {
  // least() skips NULLs: a reopened incident that is open again still had its first resolution.
  first_resolved_at: { sql: 'least(ev.first_resolved_event_at, i.resolved_at)', needs: 'events' },
  first_escalated_at: { sql: 'ev.first_escalated_at', needs: 'events' },
  first_update_at: { sql: 'ev.first_update_at', needs: 'events' },
  // Neighbours among real incidents only: neither a drill nor announced maintenance is a
  // failure of the service (they sit in partitions of their own, so they are never "previous").
  previous_start_in_service: { sql: `CASE WHEN NOT i.is_drill AND NOT ${MAINTENANCE} AND i.service IS NOT NULL THEN lag(i.opened_at) OVER (PARTITION BY i.service, i.is_drill, ${MAINTENANCE} ORDER BY i.opened_at) END` },
  previous_same_cause_at: { sql: `CASE WHEN NOT i.is_drill AND NOT ${MAINTENANCE} THEN lag(i.opened_at) OVER (PARTITION BY i.service, i.root_cause, i.is_drill, ${MAINTENANCE} ORDER BY i.opened_at) END` },
  opened_after_hours: {
    sql: `(NOT list_contains(from_json(:workdays, '["INTEGER"]'), isodow(timezone(:calendar_tz, i.opened_at)))
           OR strftime(timezone(:calendar_tz, i.opened_at), '%H:%M') < :work_start
           OR strftime(timezone(:calendar_tz, i.opened_at), '%H:%M') >= :work_end
           OR list_contains(from_json(:holidays, '["VARCHAR"]'), strftime(timezone(:calendar_tz, i.opened_at), '%Y-%m-%d')))`,
  },
  max_update_gap_seconds: { sql: 'gaps.max_gap', needs: 'gaps' },
  // The plan is bound as a JSON list indexed by rank; ranks past its end read NULL (no plan).
  cadence_limit_seconds: { sql: `list_extract(from_json(:update_intervals, '["DOUBLE"]'), i.severity_rank)` },
};

const eventsJoin = (only: string) => `LEFT JOIN (
    SELECT source, external_id,
           min(occurred_at) FILTER (WHERE kind = 'resolved') AS first_resolved_event_at,
           min(occurred_at) FILTER (WHERE kind = 'escalated') AS first_escalated_at,
           min(occurred_at) FILTER (WHERE kind = 'stakeholder_update') AS first_update_at
    FROM incident_events${only ? ` WHERE ${only}` : ''} GROUP BY source, external_id
  ) ev ON ev.source = i.source AND ev.external_id = i.external_id`;

// The longest silence a stakeholder saw: gaps between opening, each update, and resolution.
// Only updates inside [opened, resolved] count: a review note posted days after resolution is
// not a broken promise, and an update stamped before opening is not an early one.
// `range` (the cohort range, over incidents columns) narrows the incidents read to those the
// statement can keep. It is applied to the incidents rows themselves rather than through
// `(source, external_id) IN (SELECT … FROM incidents WHERE range)`: the pair is the incidents
// key, so both keep the same rows, and the semi-joins cost 2–3× the rest at a month of 1,000,000.
// Inside the events join its names are x's: incident_events has no column of those names (one
// it gained would make the name ambiguous, a loud error, never a different answer).
const gapsJoin = (range: string) => `LEFT JOIN (
    SELECT source, external_id, max(gap) AS max_gap FROM (
      SELECT source, external_id, epoch(t) - epoch(lag(t) OVER (PARTITION BY source, external_id ORDER BY t)) AS gap
      FROM (
        SELECT source, external_id, opened_at AS t FROM incidents WHERE opened_at <= resolved_at${range ? ` AND ${range}` : ''}
        UNION ALL SELECT e.source, e.external_id, e.occurred_at FROM incident_events e
          JOIN incidents x ON x.source = e.source AND x.external_id = e.external_id
          WHERE e.kind = 'stakeholder_update' AND e.occurred_at BETWEEN x.opened_at AND x.resolved_at${range ? ` AND ${range}` : ''}
        UNION ALL SELECT source, external_id, resolved_at FROM incidents WHERE opened_at <= resolved_at${range ? ` AND ${range}` : ''}
      )
    ) GROUP BY source, external_id
  ) gaps ON gaps.source = i.source AND gaps.external_id = i.external_id`;

/** Names of the derived columns (DERIVED) the metrics refer to. */
function derivedNeeded(metrics: readonly MetricDef[]): string[] {
  const text = metrics.map((metric) => JSON.stringify(metric)).join(' ');
  return Object.keys(DERIVED).filter((column) => new RegExp(`\\b${column}\\b`).test(text));
}

/** True when base is the incidents table as it is: no derived column, join or window to recompute. */
export function readsIncidentsOnly(entity: Entity, metrics: readonly MetricDef[]): boolean {
  return entity === 'incidents' && derivedNeeded(metrics).length === 0;
}

/**
 * `range`: the cohort's range conditions (compile/scope.ts), or none. The timeline aggregates
 * (first events, update gaps) are per incident, so they need reading only for the incidents the
 * range can keep — without it every statement aggregates the whole event history. Callers pass
 * it only when every row they read is inside the range (never for snapshots, which read all).
 * `openedFrom`: when the cohort is "opened from" this instant. The previous incident of the same
 * service and cause matters only within the recurrence window, so when that is the only
 * neighbour column asked for, incidents opened before `openedFrom` minus the window are not read
 * (an older predecessor is no recurrence either way). The previous start in a service (MTBF) has
 * no such bound and is never narrowed.
 */
export function baseCte(entity: Entity, metrics: readonly MetricDef[], params: Params, range: readonly string[] = [], openedFrom: string | null = null): string {
  if (entity === 'action_items') {
    return `base AS (
  SELECT a.*, i.severity, i.severity_rank, i.service, i.team, i.root_cause, i.assignee, coalesce(i.is_drill, false) AS is_drill,
         i.custom, i.opened_at, i.resolved_at
  FROM action_items a LEFT JOIN incidents i ON i.source = a.source AND i.external_id = a.external_id
)`;
  }
  const needed = derivedNeeded(metrics);
  const columns = needed.map((column) => `${params.resolve(DERIVED[column]!.sql)} AS ${column}`);
  const joins = new Set(needed.map((column) => DERIVED[column]!.needs).filter(Boolean));
  const within = range.length ? `(source, external_id) IN (SELECT source, external_id FROM incidents WHERE ${range.join(' AND ')})` : '';
  const recent = openedFrom && needed.includes('previous_same_cause_at') && !needed.includes('previous_start_in_service')
    ? `(SELECT * FROM incidents WHERE epoch(opened_at) >= epoch(${openedFrom}) - ${params.ref('recurrence_seconds')}) i`
    : 'incidents i';
  return `base AS (
  SELECT i.*${columns.map((column) => `,\n         ${column}`).join('')}
  FROM ${recent}
  ${joins.has('events') ? eventsJoin(within) : ''}
  ${joins.has('gaps') ? gapsJoin(range.join(' AND ')) : ''}
)`;
}
