/**
 * Pure: which derived column (expressions.ts) feeds each canonical field.
 *
 * - external_id ← number; title ← short_description; team ← assignment_group;
 *   assignee ← assigned_to; service ← business_service, else cmdb_ci (the configuration item is
 *   the closest thing many instances fill in).
 * - priority ← priority as a label (`3` → `3 - Moderate`); severity is left to the typing step,
 *   which ranks by priority (ServiceNow's own 1–3 `severity` field is rarely kept up and stays in
 *   custom).
 * - status ← state, else the legacy incident_state, codes as labels.
 * - opened_at ← opened_at, else sys_created_on; resolved_at, closed_at as exported. In the
 *   event-log shape, resolved_at falls back to the last move into Resolved/Closed when the
 *   incident is resolved now, and acknowledged_at comes from the timeline (timeline.ts).
 * - reopen_count, reassignment_count as exported, else (event log) derived from the timeline;
 *   escalation_count (event log only): priority raises in the timeline.
 * - url ← the record's page, when Table API JSON names the instance in a reference link.
 * - --map column=field replaces a default; mapped columns leave `custom`.
 */
import { MAPPED, ROW } from './expressions.ts';

export interface FieldInput {
  /** The staged table has the derived `__…` columns of the event-log shape (timeline.ts). */
  eventLog: boolean;
  /** The staged table has a `__url` column (JSON). */
  hasUrl: boolean;
  /** Canonical fields --map feeds. */
  mappedFields: readonly string[];
}

export function planFields(input: FieldInput): Partial<Record<string, string>> {
  const { eventLog } = input;
  const fields: Partial<Record<string, string>> = {
    external_id: ROW.number,
    title: ROW.title,
    service: ROW.service,
    team: ROW.group,
    assignee: ROW.person,
    priority: ROW.priority,
    status: ROW.state,
    opened_at: ROW.opened,
    resolved_at: eventLog ? `coalesce(${ROW.resolved}, CASE WHEN ${ROW.stateClass} IN ('resolved', 'closed') THEN __last_resolved END)` : ROW.resolved,
    closed_at: ROW.closed,
    // An event log is the incident's whole history: an incident whose rows show no change has
    // none of these (0), not an unknown count (its derived counts come from a LEFT JOIN: NULL).
    reopen_count: eventLog ? `coalesce(${ROW.reopens}, CAST(coalesce(__reopens, 0) AS VARCHAR))` : ROW.reopens,
    reassignment_count: eventLog ? `coalesce(${ROW.reassignments}, CAST(coalesce(__reassigns, 0) AS VARCHAR))` : ROW.reassignments,
  };
  // ServiceNow has no escalation count of its own (its `escalation` field is an SLA warning
  // level); only a history of updates can say how often the priority was raised.
  if (eventLog) fields.escalation_count = 'CAST(coalesce(__escalations, 0) AS VARCHAR)';
  if (eventLog) fields.acknowledged_at = '__ack_at';
  if (input.hasUrl) fields.url = '__url';
  for (const field of input.mappedFields) fields[field] = `${MAPPED}${field}`;
  return fields;
}
