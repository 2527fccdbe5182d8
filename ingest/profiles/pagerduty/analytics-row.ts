/**
 * One row of PagerDuty's Analytics raw incidents API (POST /analytics/raw/incidents) → canonical
 * fields as text. Pure. Analytics has no timeline, so it stages no events (an incident's stored
 * timeline is left as it was).
 *
 *   external_id      id                       title     description
 *   service          service_name             team      team_name, else escalation_policy_name
 *   severity         priority_name, else urgency (high → SEV2, low → SEV4); `major` → custom only
 *   priority         priority_name            status    status
 *   opened_at        created_at
 *   acknowledged_at  created_at + seconds_to_first_ack
 *   resolved_at      resolved_at, else created_at + seconds_to_resolve (the observed time wins
 *                    over arithmetic when both exist)
 *   escalation_count, reassignment_count      as given
 *   assignee         assigned_user_names[0] (PagerDuty does not document that list's order)
 *
 * Timestamps are zone-less here (they mean the request's `time_zone`); they are turned into UTC
 * instants before the arithmetic (zoned-time.ts). A value that can't be read is passed on as it
 * was, so the typing step flags it (`invalid_opened_at`) and nothing is derived from it.
 */
import type { TextIncident } from '../../canonical.ts';
import { compact, listOf, textOf, type JsonObject } from './json.ts';
import { instantIn, isoPlusSeconds } from './zoned-time.ts';

export function analyticsRow(row: JsonObject, zone: string): TextIncident {
  const created = textOf(row.created_at);
  const opened = created === null ? null : instantIn(created, zone);
  const absolute = (text: string | null) => {
    if (text === null) return null;
    const instant = instantIn(text, zone);
    return instant === null ? text : isoPlusSeconds(instant);
  };
  const after = (seconds: unknown) => {
    const value = typeof seconds === 'number' ? seconds : Number(textOf(seconds) ?? Number.NaN);
    return opened === null || !Number.isFinite(value) ? null : isoPlusSeconds(opened, value);
  };
  const priority = textOf(row.priority_name);
  const fields = {
    external_id: textOf(row.id),
    title: textOf(row.description),
    service: textOf(row.service_name),
    team: textOf(row.team_name) ?? textOf(row.escalation_policy_name),
    severity: priority ?? textOf(row.urgency),
    priority,
    status: textOf(row.status),
    opened_at: absolute(created),
    acknowledged_at: after(row.seconds_to_first_ack),
    resolved_at: absolute(textOf(row.resolved_at)) ?? after(row.seconds_to_resolve),
    escalation_count: textOf(row.escalation_count),
    reassignment_count: textOf(row.reassignment_count),
    assignee: textOf(listOf(row.assigned_user_names)[0]),
  };
  const custom = compact({
    incident_number: row.incident_number ?? null,
    urgency: textOf(row.urgency),
    major: typeof row.major === 'boolean' ? row.major : null,
    escalation_policy: textOf(row.escalation_policy_name),
    incident_type: textOf(row.incident_type_name),
    resolved_by: textOf(row.resolved_by_user_name),
    auto_resolved: typeof row.auto_resolved === 'boolean' ? row.auto_resolved : null,
    seconds_to_engage: row.seconds_to_engage ?? null,
    seconds_to_mobilize: row.seconds_to_mobilize ?? null,
    engaged_seconds: row.engaged_seconds ?? null,
    snoozed_seconds: row.snoozed_seconds ?? null,
    acknowledgement_count: row.acknowledgement_count ?? null,
    assignment_count: row.assignment_count ?? null,
    time_zone: zone,
  });
  return { fields, custom, raw: row, flags: [] };
}
