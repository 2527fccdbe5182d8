/**
 * One incident as its detail page shows it: the stored record (timestamps as ISO strings in
 * UTC), its timeline in order, and its follow-up action items. The raw source record stays out
 * of the answer (it can be large); `url` links to the source system instead.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export type Cell = string | number | boolean | null | string[];

export interface IncidentEvent {
  occurred_at: string;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  level: number | null;
  actor: string | null;
  body: string | null;
}

export interface ActionItem {
  item_id: string;
  title: string | null;
  owner: string | null;
  status: string | null;
  created_at: string | null;
  due_at: string | null;
  completed_at: string | null;
}

export interface IncidentDetail {
  incident: Record<string, Cell>;
  events: IncidentEvent[];
  action_items: ActionItem[];
}

// strftime keeps the instant exact and explicit about UTC; the browser formats it in the
// dashboard's time zone.
const iso = (column: string) => `strftime(${column} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ${column}`;
const INCIDENT_TIMESTAMPS = ['opened_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at', 'postmortem_done_at', 'imported_at', 'updated_at'];

export async function incidentDetail(connection: DuckDBConnection, source: string, externalId: string): Promise<IncidentDetail | null> {
  const incident = (await connection.runAndReadAll(
    `SELECT source, external_id, title, service, team, severity, severity_rank, priority, status,
            ${INCIDENT_TIMESTAMPS.map(iso).join(', ')},
            reopen_count, escalation_count, reassignment_count, assignee, root_cause, is_drill,
            customer_impact_minutes, postmortem_url, url, CAST(custom AS VARCHAR) AS custom, quality_flags
     FROM incidents WHERE source = $1 AND external_id = $2`,
    [source, externalId],
  )).getRowObjectsJson()[0];
  if (!incident) return null;
  const events = (await connection.runAndReadAll(
    `SELECT ${iso('occurred_at')}, kind, from_value, to_value, level, actor, body
     FROM incident_events WHERE source = $1 AND external_id = $2 ORDER BY incident_events.occurred_at, ordinal`,
    [source, externalId],
  )).getRowObjectsJson() as unknown as IncidentEvent[];
  const actionItems = (await connection.runAndReadAll(
    `SELECT item_id, title, owner, status, ${iso('created_at')}, ${iso('due_at')}, ${iso('completed_at')}
     FROM action_items WHERE source = $1 AND external_id = $2 ORDER BY action_items.created_at, item_id`,
    [source, externalId],
  )).getRowObjectsJson() as unknown as ActionItem[];
  return { incident: incident as Record<string, Cell>, events, action_items: actionItems };
}
