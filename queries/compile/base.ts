/**
 * The `base` rows a request reads: incidents with the instants and facts derived from their
 * timelines and neighbours, or action items with their incident's dimensions. Derived columns
 * are added only when a requested metric refers to them, so the common request (MTTA/MTTR by
 * severity) reads the incidents table alone.
 */
import type { Entity, MetricDef } from '../metrics/types.ts';
import type { Params } from './params.ts';

/** Derived incident columns and the SQL that makes each one (over `i` and the joins below). */
const DERIVED: Record<string, { sql: string; needs?: 'events' | 'gaps' }> = {
  first_resolved_at: { sql: 'CASE WHEN ev.first_resolved_event_at < i.resolved_at THEN ev.first_resolved_event_at ELSE i.resolved_at END', needs: 'events' },
  first_escalated_at: { sql: 'ev.first_escalated_at', needs: 'events' },
  first_update_at: { sql: 'ev.first_update_at', needs: 'events' },
  // Neighbours among real incidents only: a drill is not a failure of the service.
  previous_start_in_service: { sql: 'CASE WHEN NOT i.is_drill AND i.service IS NOT NULL THEN lag(i.opened_at) OVER (PARTITION BY i.service, i.is_drill ORDER BY i.opened_at) END' },
  previous_same_cause_at: { sql: 'CASE WHEN NOT i.is_drill THEN lag(i.opened_at) OVER (PARTITION BY i.service, i.root_cause, i.is_drill ORDER BY i.opened_at) END' },
  opened_after_hours: {
    sql: `(NOT list_contains(from_json(:workdays, '["INTEGER"]'), isodow(timezone(:calendar_tz, i.opened_at)))
           OR strftime(timezone(:calendar_tz, i.opened_at), '%H:%M') < :work_start
           OR strftime(timezone(:calendar_tz, i.opened_at), '%H:%M') >= :work_end
           OR list_contains(from_json(:holidays, '["VARCHAR"]'), strftime(timezone(:calendar_tz, i.opened_at), '%Y-%m-%d')))`,
  },
  max_update_gap_seconds: { sql: 'gaps.max_gap', needs: 'gaps' },
  cadence_limit_seconds: { sql: 'CASE i.severity_rank WHEN 1 THEN :cadence_sev1 * 60 WHEN 2 THEN :cadence_sev2 * 60 END' },
};

const EVENTS_JOIN = `LEFT JOIN (
    SELECT source, external_id,
           min(occurred_at) FILTER (WHERE kind = 'resolved') AS first_resolved_event_at,
           min(occurred_at) FILTER (WHERE kind = 'escalated') AS first_escalated_at,
           min(occurred_at) FILTER (WHERE kind = 'stakeholder_update') AS first_update_at
    FROM incident_events GROUP BY source, external_id
  ) ev ON ev.source = i.source AND ev.external_id = i.external_id`;

// The longest silence a stakeholder saw: gaps between opening, each update, and resolution.
const GAPS_JOIN = `LEFT JOIN (
    SELECT source, external_id, max(gap) AS max_gap FROM (
      SELECT source, external_id, epoch(t) - epoch(lag(t) OVER (PARTITION BY source, external_id ORDER BY t)) AS gap
      FROM (
        SELECT source, external_id, opened_at AS t FROM incidents WHERE opened_at IS NOT NULL
        UNION ALL SELECT source, external_id, occurred_at FROM incident_events WHERE kind = 'stakeholder_update'
        UNION ALL SELECT source, external_id, resolved_at FROM incidents WHERE resolved_at IS NOT NULL
      )
    ) GROUP BY source, external_id
  ) gaps ON gaps.source = i.source AND gaps.external_id = i.external_id`;

export function baseCte(entity: Entity, metrics: readonly MetricDef[], params: Params): string {
  if (entity === 'action_items') {
    return `base AS (
  SELECT a.*, i.severity, i.severity_rank, i.service, i.team, i.root_cause, i.assignee, coalesce(i.is_drill, false) AS is_drill,
         i.custom, i.opened_at, i.resolved_at
  FROM action_items a LEFT JOIN incidents i ON i.source = a.source AND i.external_id = a.external_id
)`;
  }
  const text = metrics.map((metric) => JSON.stringify(metric)).join(' ');
  const needed = Object.keys(DERIVED).filter((column) => new RegExp(`\\b${column}\\b`).test(text));
  const columns = needed.map((column) => `${params.resolve(DERIVED[column]!.sql)} AS ${column}`);
  const joins = new Set(needed.map((column) => DERIVED[column]!.needs).filter(Boolean));
  return `base AS (
  SELECT i.*${columns.map((column) => `,\n         ${column}`).join('')}
  FROM incidents i
  ${joins.has('events') ? EVENTS_JOIN : ''}
  ${joins.has('gaps') ? GAPS_JOIN : ''}
)`;
}
