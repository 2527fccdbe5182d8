/**
 * One incident with its whole log: GET /incidents/{id}/log_entries, paged by offset while `more`.
 * The log is what acknowledged_at, resolved_at and the escalation / reassignment / reopen counts
 * come from (the incident object keeps only current acknowledgers and clears assignments on
 * resolve). Entries are embedded as `incident.log_entries`, the shape the pagerduty profile
 * reads; all of them, not the overview, because an unacknowledge (ack timeout) is not in it.
 */
import { MalformedPageError } from '../errors.ts';
import type { HttpClient } from '../http.ts';
import { isObject } from '../instants.ts';
import { OFFSET_CAP } from './pages.ts';
import type { PagerDutySource } from './options.ts';

export async function withLogEntries(http: HttpClient, source: PagerDutySource, incident: Record<string, unknown>): Promise<Record<string, unknown>> {
  const entries: unknown[] = [];
  for (let offset = 0; ;) {
    const params = new URLSearchParams({ limit: '100', offset: String(offset), time_zone: 'UTC' });
    const url = `${source.base_url}/incidents/${encodeURIComponent(String(incident.id))}/log_entries?${params}`;
    const { body } = await http.getJson(url);
    if (!isObject(body) || !Array.isArray(body.log_entries) || typeof body.more !== 'boolean') {
      throw new MalformedPageError(source.name, 'PagerDuty', url, 'expected {"log_entries": [...], "more": …}.');
    }
    entries.push(...body.log_entries);
    // The server may cap the page size below what we asked: page on with what it used.
    const limit = typeof body.limit === 'number' && body.limit > 0 ? body.limit : 100;
    offset += limit;
    if (!body.more || body.log_entries.length === 0) break;
    if (offset + limit > OFFSET_CAP) throw new MalformedPageError(source.name, 'PagerDuty', url, `incident ${String(incident.id)} has more than 10,000 log entries.`);
  }
  return { ...incident, log_entries: entries };
}

/** GET /incidents/{id}; null when PagerDuty no longer has it (404). */
export async function fetchIncident(http: HttpClient, source: PagerDutySource, id: string): Promise<Record<string, unknown> | null> {
  const url = `${source.base_url}/incidents/${encodeURIComponent(id)}?time_zone=UTC`;
  const response = await http.getJson(url, { accept: [404] });
  if (response.status === 404) return null;
  const body = response.body;
  if (!isObject(body) || !isObject(body.incident) || typeof body.incident.id !== 'string') {
    throw new MalformedPageError(source.name, 'PagerDuty', url, 'expected {"incident": {...}}.');
  }
  return body.incident;
}

/** The configured service / team filters, applied to incidents found through log entries. */
export function matchesFilters(source: PagerDutySource, incident: Record<string, unknown>): boolean {
  const service = isObject(incident.service) ? incident.service.id : undefined;
  if (source.service_ids.length > 0 && !source.service_ids.includes(String(service))) return false;
  if (source.team_ids.length === 0) return true;
  const teams = Array.isArray(incident.teams) ? incident.teams.map((team) => (isObject(team) ? team.id : undefined)) : [];
  return teams.some((team) => source.team_ids.includes(String(team)));
}
