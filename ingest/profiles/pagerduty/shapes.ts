/**
 * Finds what a saved PagerDuty file holds. Accepted, alone, in a JSON array, or one per NDJSON
 * line (read-values.ts):
 *
 *   {incidents: [...], limit, offset, more}   a GET /incidents page (may carry `log_entries`)
 *   {incident: {...}}                          GET /incidents/{id} (may carry `log_entries`)
 *   {log_entries: [...]}                       a GET /log_entries or /incidents/{id}/log_entries page
 *   a bare incident, a bare log entry          (`type` "incident" / "…_log_entry")
 *   {data: [...], time_zone, …}                an Analytics raw incidents page
 *   a bare Analytics row                       (has seconds_to_resolve / seconds_to_first_ack)
 *
 * Log entries attach to incidents by `incident.id`, wherever in the file they are; an incident
 * may also embed its own (`incident.log_entries`, as savers that fetch per incident write them).
 * What is refused, with one sentence: a file of log entries only (entries describe incidents,
 * they can't create them), a file mixing REST incidents with Analytics rows (the two describe
 * the same incidents differently; import them separately), an API error body, anything else.
 */
import { InputError } from '../../../queries/errors.ts';
import { isObject, listOf, textOf, type JsonObject } from './json.ts';

export interface AnalyticsRow {
  row: JsonObject;
  /** The `time_zone` of the response the row came in, when the file kept the envelope. */
  zone: string | null;
}

export interface PagerDutyContent {
  incidents: JsonObject[];
  logEntries: JsonObject[];
  analytics: AnalyticsRow[];
}

export function findContent(file: string, values: readonly unknown[]): PagerDutyContent {
  const content: PagerDutyContent = { incidents: [], logEntries: [], analytics: [] };
  values.forEach((value, index) => collect(file, value, content, values.length > 1 ? ` (value ${index + 1})` : ''));
  const hasRest = content.incidents.length > 0;
  if (hasRest && content.analytics.length > 0) {
    throw new InputError(`${file}: mixes REST incidents with Analytics rows; import each kind from its own file (ideally with its own --source).`);
  }
  if (!hasRest && content.analytics.length === 0) {
    if (content.logEntries.length > 0) {
      throw new InputError(
        `${file}: holds PagerDuty log entries but no incidents; save the incidents with them (e.g. {"incidents": [...], "log_entries": [...]}), since log entries only add timelines to incidents in the same file.`,
      );
    }
    throw new InputError(`${file}: no PagerDuty incidents found (expected a GET /incidents page, {"incident": …}, or an Analytics {"data": […]} response).`);
  }
  return content;
}

function collect(file: string, value: unknown, content: PagerDutyContent, where: string): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(file, item, content, where);
    return;
  }
  if (!isObject(value)) throw new InputError(`${file}${where}: expected PagerDuty JSON objects, found ${JSON.stringify(value)?.slice(0, 40)}.`);
  if (isObject(value.error)) {
    throw new InputError(`${file}${where}: holds a PagerDuty error response ("${textOf(value.error.message) ?? 'no message'}"), not incidents.`);
  }
  // Entries and rows first: a log entry's `incident` is a reference, not an incident to import.
  if (isLogEntry(value)) {
    content.logEntries.push(value);
    return;
  }
  if (isAnalyticsRow(value)) {
    content.analytics.push({ row: value, zone: null });
    return;
  }
  let known = false;
  // Inside `incidents` / `incident` the envelope says what an object is; no need to guess.
  const addIncident = (incident: unknown) => {
    if (!isObject(incident)) throw new InputError(`${file}${where}: an item of "incidents" is not an object.`);
    content.incidents.push(incident);
    known = true;
  };
  if (Array.isArray(value.incidents)) {
    known = true;
    value.incidents.forEach(addIncident);
  }
  if (isObject(value.incident)) addIncident(value.incident);
  if (Array.isArray(value.log_entries) && !isIncident(value)) {
    known = true;
    for (const entry of value.log_entries) collect(file, entry, content, where);
  }
  if (Array.isArray(value.data)) {
    known = true;
    const zone = textOf(value.time_zone);
    for (const row of value.data) {
      if (!isObject(row)) throw new InputError(`${file}${where}: an Analytics "data" item is not an object.`);
      content.analytics.push({ row, zone });
    }
  }
  if (known) return;
  if (isIncident(value)) content.incidents.push(value);
  else throw new InputError(`${file}${where}: not a PagerDuty incident, log entry or Analytics row (keys: ${Object.keys(value).slice(0, 8).join(', ')}).`);
}

function isLogEntry(value: JsonObject): boolean {
  return typeof value.type === 'string' && value.type.endsWith('_log_entry');
}

function isAnalyticsRow(value: JsonObject): boolean {
  return 'seconds_to_resolve' in value || 'seconds_to_first_ack' in value;
}

/** REST incidents say `type: "incident"`; a trimmed one still has an incident's own fields. */
function isIncident(value: JsonObject): boolean {
  return value.type === 'incident' || ('created_at' in value && ('incident_number' in value || 'urgency' in value || 'title' in value));
}

/** Log entries embedded in an incident by the saver. */
export function embeddedEntries(incident: JsonObject): JsonObject[] {
  return listOf(incident.log_entries).filter(isObject);
}
