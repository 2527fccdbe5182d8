/**
 * The pagerduty profile's stage step: a saved REST or Analytics response (shapes.ts) → staged
 * incident records and, for REST, their timelines from log entries.
 *
 * Hazards handled here:
 * - Pages saved from overlapping windows repeat an incident: the typing step keeps the last
 *   copy, so only the last copy's timeline is staged (else every event would be doubled).
 * - Log entries for an incident that isn't in the file (or has no id) can't be attached: they
 *   are staged without an id, so the shared step rejects and counts them (`eventsRejected`)
 *   instead of replacing a stored timeline with a fragment.
 * - A separately saved log entry and the same entry embedded in its incident count once (by id).
 */
import { InputError } from '../../../queries/errors.ts';
import { isTimeZone } from '../../../queries/time-zone.ts';
import { CANONICAL_FIELD_NAMES, type TextEvent, type TextIncident } from '../../canonical.ts';
import { quoteIdent } from '../../sql.ts';
import { stageEventRecords, stageIncidentRecords } from '../../stage-records.ts';
import type { ImportContext, Profile, StagedImport } from '../types.ts';
import { analyticsRow } from './analytics-row.ts';
import { isObject, textOf, type JsonObject } from './json.ts';
import { readJsonValues } from './read-values.ts';
import { restIncident } from './rest-incident.ts';
import { PAGERDUTY_SCHEME } from './scheme.ts';
import { embeddedEntries, findContent, type PagerDutyContent } from './shapes.ts';
import type { TimelineEvent } from './log-entries.ts';

export const pagerdutyProfile: Profile = {
  name: 'pagerduty',
  description: 'Saved PagerDuty REST incidents (optionally with log entries) or Analytics raw incidents, as JSON or NDJSON',
  scheme: PAGERDUTY_SCHEME,
  async stage(context) {
    rejectMap(context, 'pagerduty');
    const content = findContent(context.file, readJsonValues(context.file));
    return content.analytics.length > 0 ? stageAnalytics(context, content) : stageRest(context, content);
  },
};

/** Vendor profiles map fixed fields; --map is for the generic profile's free layouts. */
export function rejectMap(context: ImportContext, profile: string): void {
  if (Object.keys(context.map).length > 0) {
    throw new InputError(`--map is not used by the ${profile} profile (its fields are fixed); use --profile generic to map a custom layout.`);
  }
}

async function stageRest(context: ImportContext, content: PagerDutyContent): Promise<StagedImport> {
  const separate = entriesByIncident(content.logEntries);
  const ids = content.incidents.map((incident) => textOf(incident.id));
  const lastCopy = new Map(ids.map((id, index) => [id, index]));
  const records: TextIncident[] = [];
  const events: TextEvent[] = [];
  const orphans: TimelineEvent[][] = [];
  content.incidents.forEach((incident, index) => {
    const id = ids[index] ?? null;
    const extra = id === null ? [] : separate.get(id) ?? [];
    const entries = uniqueEntries([...embeddedEntries(incident), ...extra]);
    // raw is the incident with every log entry the file holds for it (the embedded shape), so
    // both file shapes store the same record and new entries count as a change.
    const raw = extra.length > 0 ? { ...incident, log_entries: entries } : incident;
    const normalised = restIncident(incident, entries, raw);
    records.push(normalised.record);
    if (id === null) orphans.push(normalised.events);
    else if (lastCopy.get(id) === index) events.push(...normalised.events.map((event) => ({ external_id: id, ...event })));
  });
  for (const [id, entries] of separate) {
    if (!lastCopy.has(id)) orphans.push(restIncident({}, entries, null).events);
  }
  await stageIncidentRecords(context.connection, context.stageTable, records);
  await stageEventsWithOrphans(context, events, orphans.flat());
  return staged(context, records.length, context.eventsTable);
}

async function stageAnalytics(context: ImportContext, content: PagerDutyContent): Promise<StagedImport> {
  const records = content.analytics.map(({ row, zone }) => {
    if (zone !== null && !isTimeZone(zone)) {
      throw new InputError(`${context.file}: the Analytics response's time_zone "${zone}" is not a known IANA time zone.`);
    }
    // The response's own time_zone is what PagerDuty rendered the times in, so it wins over
    // --tz, which only applies to bare rows saved without their envelope.
    return analyticsRow(row, zone ?? context.tz);
  });
  await stageIncidentRecords(context.connection, context.stageTable, records);
  return staged(context, records.length, null);
}

function staged(context: ImportContext, records: number, events: string | null): StagedImport {
  const fields = Object.fromEntries(CANONICAL_FIELD_NAMES.map((name) => [name, quoteIdent(name)]));
  return { table: context.stageTable, records, fields, custom: '__custom', profileFlags: '__flags', events };
}

/** Orphans are appended last and then un-keyed (stageEventRecords needs a text id). */
async function stageEventsWithOrphans(context: ImportContext, events: TextEvent[], orphans: TimelineEvent[]): Promise<void> {
  await stageEventRecords(context.connection, context.eventsTable, [...events, ...orphans.map((event) => ({ external_id: '', ...event }))]);
  await context.connection.run(`UPDATE ${context.eventsTable} SET external_id = NULL WHERE __order >= $1`, [events.length]);
}

/** Separately saved log entries by the incident they reference (`incident.id`). */
function entriesByIncident(entries: readonly JsonObject[]): Map<string, JsonObject[]> {
  const byIncident = new Map<string, JsonObject[]>();
  for (const entry of entries) {
    const id = isObject(entry.incident) ? textOf(entry.incident.id) : null;
    const key = id ?? '';
    byIncident.set(key, [...(byIncident.get(key) ?? []), entry]);
  }
  return byIncident;
}

/** First copy of each entry id wins; entries without an id are all kept. */
function uniqueEntries(entries: readonly JsonObject[]): JsonObject[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const id = textOf(entry.id);
    if (id === null) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
