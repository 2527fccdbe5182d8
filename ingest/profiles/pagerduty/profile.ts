/**
 * The pagerduty profile's stage step: a saved REST or Analytics response (shapes.ts) → staged
 * incident records and, for REST, their timelines from log entries.
 *
 * Hazards handled here:
 * - Pages saved from overlapping windows repeat an incident: only its newest copy is staged
 *   (latest-copies.ts), so its timeline is not doubled; the others count as duplicates.
 * - Log entries for an incident that isn't in the file (or has no id) can't be attached; they
 *   are counted as rejected events (stage-events.ts).
 * - A separately saved log entry and the same entry embedded in its incident count once (by id).
 */
import { InputError } from '../../../queries/errors.ts';
import { isTimeZone } from '../../../queries/time-zone.ts';
import { CANONICAL_FIELD_NAMES, type TextEvent, type TextIncident } from '../../canonical.ts';
import { quoteIdent } from '../../sql.ts';
import { stageIncidentRecords } from '../../stage-records.ts';
import type { ImportContext, Profile, StagedImport } from '../types.ts';
import { analyticsRow } from './analytics-row.ts';
import { isObject, textOf, type JsonObject } from './json.ts';
import { latestCopies } from './latest-copies.ts';
import { timelineOf } from './log-entries.ts';
import { readJsonValues } from './read-values.ts';
import { restIncident } from './rest-incident.ts';
import { PAGERDUTY_SCHEME } from './scheme.ts';
import { embeddedEntries, findContent, type PagerDutyContent } from './shapes.ts';
import { stageEvents, type UnkeyedEvent } from './stage-events.ts';

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
function rejectMap(context: ImportContext, profile: string): void {
  if (Object.keys(context.map).length > 0) {
    throw new InputError(`--map is not used by the ${profile} profile (its fields are fixed); use --profile generic to map a custom layout.`);
  }
}

async function stageRest(context: ImportContext, content: PagerDutyContent): Promise<StagedImport> {
  const separate = entriesByIncident(content.logEntries);
  const incidents = latestCopies(content.incidents, (incident) => textOf(incident.id), (incident) => textOf(incident.updated_at));
  const records: TextIncident[] = [];
  const events: TextEvent[] = [];
  const orphans: UnkeyedEvent[] = [];
  const ids = new Set<string>();
  for (const incident of incidents) {
    const id = textOf(incident.id);
    const extra = id === null ? [] : separate.get(id) ?? [];
    const entries = uniqueEntries([...embeddedEntries(incident), ...extra]);
    // raw is the incident with every log entry the file holds for it (the embedded shape), so
    // both file shapes store the same record and new entries count as a change.
    const raw = extra.length > 0 ? { ...incident, log_entries: entries } : incident;
    const normalised = restIncident(incident, entries, raw);
    records.push(normalised.record);
    if (id === null) orphans.push(...normalised.events);
    else events.push(...normalised.events.map((event) => ({ external_id: id, ...event })));
    if (id !== null) ids.add(id);
  }
  for (const [id, entries] of separate) {
    if (!ids.has(id)) orphans.push(...timelineOf(entries).events);
  }
  await stageIncidentRecords(context.connection, context.stageTable, records);
  await stageEvents(context.connection, context.eventsTable, events, orphans);
  return staged(context, content.incidents.length, context.eventsTable);
}

async function stageAnalytics(context: ImportContext, content: PagerDutyContent): Promise<StagedImport> {
  const rows = latestCopies(content.analytics, ({ row }) => textOf(row.id), ({ row }) => textOf(row.updated_at));
  const records = rows.map(({ row, zone }) => {
    if (zone !== null && !isTimeZone(zone)) {
      throw new InputError(`${context.file}: the Analytics response's time_zone "${zone}" is not a known IANA time zone.`);
    }
    // The response's own time_zone is what PagerDuty rendered the times in, so it wins over
    // --tz, which only applies to bare rows saved without their envelope.
    return analyticsRow(row, zone ?? context.tz);
  });
  await stageIncidentRecords(context.connection, context.stageTable, records);
  return staged(context, content.analytics.length, null);
}

function staged(context: ImportContext, records: number, events: string | null): StagedImport {
  const fields = Object.fromEntries(CANONICAL_FIELD_NAMES.map((name) => [name, quoteIdent(name)]));
  return { table: context.stageTable, records, fields, custom: '__custom', profileFlags: '__flags', events };
}

/** Separately saved log entries by the incident they reference (`incident.id`). */
function entriesByIncident(entries: readonly JsonObject[]): Map<string, JsonObject[]> {
  const byIncident = new Map<string, JsonObject[]>();
  for (const entry of entries) {
    const id = isObject(entry.incident) ? textOf(entry.incident.id) : null;
    const key = id ?? ''; // no incident id: never matches an incident, so it becomes an orphan
    const list = byIncident.get(key);
    if (list) list.push(entry);
    else byIncident.set(key, [entry]);
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
