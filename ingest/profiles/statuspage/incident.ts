/**
 * One Statuspage incident → canonical fields as text, custom fields, flags and its timeline.
 * Pure. Field by field (README.md in this folder has the reasons):
 *
 *   external_id         id                      title    name
 *   service             components[0].name      url      shortlink
 *   severity            impact (critical/major/minor/none → SEV1–4); none for maintenance
 *   status              status (see scheme.ts)
 *   opened_at           created_at (when the page first said something)
 *   resolved_at         resolved_at, only while the status is a finished one
 *   reopen_count        updates that go from a finished status back to an open one
 *   postmortem_url      shortlink, when a postmortem exists (body, publish time or status)
 *   postmortem_done_at  postmortem_published_at
 *   not mapped          acknowledged_at (a status page has no acknowledgement),
 *                       mitigated_at (pages use "monitoring" loosely: githubstatus.com posts it
 *                       seconds after opening, before any fix — see the samples), detected_at
 *                       (started_at is the author's impact start; kept in custom)
 *
 * Timeline: every incident_update → `stakeholder_update` at display_at (else created_at),
 * from_value the previous update's status, to_value its status, body its text; plus a
 * `reopened` event where the status leaves a finished state. The API lists updates newest first.
 */
import type { TextIncident } from '../../canonical.ts';
import { compact, isObject, listOf, textOf, type JsonObject } from '../pagerduty/json.ts';
import type { UnkeyedEvent } from '../pagerduty/stage-events.ts';
import { FINISHED_STATUSES } from './scheme.ts';
import type { PageIncident } from './shapes.ts';

export interface NormalisedIncident {
  record: TextIncident;
  events: UnkeyedEvent[];
}

export function statuspageIncident({ incident, page, maintenance }: PageIncident): NormalisedIncident {
  const status = textOf(incident.status);
  const impact = textOf(incident.impact);
  const isMaintenance = maintenance || impact?.toLowerCase() === 'maintenance' || textOf(incident.scheduled_for) !== null;
  const timeline = timelineOf(listOf(incident.incident_updates).filter(isObject));
  const finished = status === null || FINISHED_STATUSES.includes(status.toLowerCase());
  const postmortem = textOf(incident.postmortem_body) !== null || textOf(incident.postmortem_published_at) !== null || status?.toLowerCase() === 'postmortem';
  const components = listOf(incident.components).filter(isObject).map((component) => textOf(component.name)).filter((name) => name !== null);
  const fields = {
    external_id: textOf(incident.id),
    title: textOf(incident.name),
    service: components[0] ?? null,
    severity: impact?.toLowerCase() === 'maintenance' ? null : impact,
    status,
    opened_at: textOf(incident.created_at),
    resolved_at: finished ? textOf(incident.resolved_at) : null,
    reopen_count: String(timeline.reopens),
    postmortem_url: postmortem ? textOf(incident.shortlink) : null,
    postmortem_done_at: textOf(incident.postmortem_published_at),
    url: textOf(incident.shortlink),
  };
  const custom = compact({
    impact,
    page: page ? textOf(page.name) : null,
    components,
    started_at: textOf(incident.started_at),
    monitoring_at: textOf(incident.monitoring_at),
    scheduled_for: textOf(incident.scheduled_for),
    scheduled_until: textOf(incident.scheduled_until),
  });
  // raw is the incident alone: the page envelope's updated_at moves whenever any incident
  // changes, and would make every unchanged incident look updated on the next import.
  return { record: { fields, custom, raw: incident, flags: isMaintenance ? ['maintenance'] : [] }, events: timeline.events };
}

function timelineOf(updates: JsonObject[]): { events: UnkeyedEvent[]; reopens: number } {
  const at = (update: JsonObject) => textOf(update.display_at) ?? textOf(update.created_at);
  const time = (update: JsonObject) => {
    const ms = Date.parse(at(update) ?? '');
    return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
  };
  const ordered = [...updates].sort((a, b) => time(a) - time(b) || Date.parse(String(a.created_at)) - Date.parse(String(b.created_at)));
  const events: UnkeyedEvent[] = [];
  let previous: string | null = null;
  let reopens = 0;
  for (const update of ordered) {
    const occurredAt = at(update);
    if (occurredAt === null) continue;
    const status = textOf(update.status);
    if (previous !== null && status !== null && FINISHED_STATUSES.includes(previous.toLowerCase()) && !FINISHED_STATUSES.includes(status.toLowerCase())) {
      reopens += 1;
      events.push({ occurred_at: occurredAt, kind: 'reopened', from_value: previous, to_value: status, actor: null, body: null });
    }
    events.push({ occurred_at: occurredAt, kind: 'stakeholder_update', from_value: previous, to_value: status, actor: null, body: textOf(update.body) });
    previous = status ?? previous;
  }
  return { events, reopens };
}
