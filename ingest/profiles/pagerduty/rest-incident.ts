/**
 * One incident from PagerDuty's REST API (GET /incidents, GET /incidents/{id}), with the log
 * entries the file holds for it → canonical fields as text, custom fields and its timeline.
 * Pure. Field by field (README.md in this folder has the reasons):
 *
 *   external_id      id (stable, and what log entries reference; incident_number → custom)
 *   title            title, else summary ("[#1234] …")
 *   service          service.summary
 *   team             teams[0].summary, else escalation_policy.summary
 *   severity         priority.summary (P1…P5) when set, else urgency (high → SEV2, low → SEV4)
 *   priority         priority.summary
 *   status           status (triggered → open, acknowledged, resolved)
 *   opened_at        created_at
 *   acknowledged_at  first acknowledge_log_entry, else the earliest acknowledgements[].at
 *   resolved_at      only when status is resolved: last resolve_log_entry, else resolved_at,
 *                    else last_status_change_at
 *   escalation / reassignment / reopen counts   from log entries; left empty without them
 *   assignee         assignments[0].assignee.summary, else the latest assign/escalate entry's
 *                    (PagerDuty clears assignments when an incident resolves)
 *   url              html_url
 */
import type { TextIncident } from '../../canonical.ts';
import { compact, listOf, summaries, summaryOf, textOf, type JsonObject } from './json.ts';
import { timelineOf, type TimelineEvent } from './log-entries.ts';

export interface NormalisedIncident {
  record: TextIncident;
  /** The timeline, not yet keyed: the caller decides which copy of an incident owns it. */
  events: TimelineEvent[];
}

export function restIncident(incident: JsonObject, entries: readonly JsonObject[], raw: unknown): NormalisedIncident {
  const id = textOf(incident.id);
  const status = textOf(incident.status);
  const hasLog = entries.length > 0;
  const timeline = timelineOf(entries);
  const resolvedAt = status === null || status.toLowerCase() === 'resolved'
    ? timeline.lastResolvedAt ?? textOf(incident.resolved_at) ?? (status ? textOf(incident.last_status_change_at) : null)
    : null;
  const teams = summaries(incident.teams);
  const priority = summaryOf(incident.priority);
  const fields = {
    external_id: id,
    title: textOf(incident.title) ?? textOf(incident.summary),
    service: summaryOf(incident.service),
    team: teams[0] ?? summaryOf(incident.escalation_policy),
    severity: priority ?? textOf(incident.urgency),
    priority,
    status,
    opened_at: textOf(incident.created_at),
    acknowledged_at: timeline.firstAcknowledgedAt ?? earliestAcknowledgement(incident),
    resolved_at: resolvedAt,
    escalation_count: hasLog ? String(timeline.escalations) : null,
    reassignment_count: hasLog ? String(timeline.reassignments) : null,
    reopen_count: hasLog ? String(timeline.reopens) : null,
    assignee: summaries(listOf(incident.assignments).map((a) => (a as JsonObject | null)?.assignee))[0] ?? timeline.lastAssignees[0] ?? null,
    url: textOf(incident.html_url),
  };
  const custom = compact({
    incident_number: incident.incident_number ?? null,
    urgency: textOf(incident.urgency),
    escalation_policy: summaryOf(incident.escalation_policy),
    teams,
    incident_type: textOf((incident.incident_type as JsonObject | null)?.name),
    incident_key: textOf(incident.incident_key),
  });
  return { record: { fields, custom, raw, flags: [] }, events: timeline.events };
}

/** `acknowledgements` lists current acknowledgers only (it empties on resolve or unacknowledge). */
function earliestAcknowledgement(incident: JsonObject): string | null {
  const times = listOf(incident.acknowledgements)
    .map((ack) => textOf((ack as JsonObject | null)?.at))
    .filter((at): at is string => at !== null && !Number.isNaN(Date.parse(at)));
  return times.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}
