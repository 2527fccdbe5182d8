/**
 * Pure: the Table API request of a sync (and the reading of its empty answer). `sysparm_query` is
 * the configured filter, the sys_updated_on bound and the order
 * (`…^sys_updated_on>=2024-05-01 00:00:00^ORDERBYsys_updated_on^ORDERBYsys_id`: sys_id breaks
 * ties, so records updated in the same second come in the same order on every request);
 * values are raw (`sysparm_display_value=false`): codes and UTC date-times read the same on every
 * instance, whatever the sync user's language, zone and date format.
 */
import { CONSUMED_FIELDS } from '../../profiles/servicenow/options.ts';
import { VendorError } from '../errors.ts';
import { isObject } from '../instants.ts';

/**
 * What a sync asks for (`sysparm_fields`): the fields the servicenow profile maps, the ones it
 * falls back on (sys_created_on, business_service / cmdb_ci), the cursor (sys_updated_on), the
 * key (sys_id), and a few worth keeping in `custom`.
 * Hazard: every extra field is another column in the profile's typing SQL, whose planning time
 * grows faster than linearly with the column count (36 fields: ~7 s per batch on a busy
 * 2-core machine, 14 fields: ~2 s), so the list is kept short on purpose.
 */
export const SERVICENOW_FIELDS: readonly string[] = [
  ...CONSUMED_FIELDS.filter((field) => field !== 'incident_state'),
  'sys_id', 'sys_created_on', 'sys_updated_on', 'business_service', 'cmdb_ci', 'impact', 'urgency', 'category', 'close_code',
];

export function encodedQuery(filter: string | undefined, from: Date | null): string {
  return [filter, from ? `sys_updated_on>=${snTime(from)}` : null, 'ORDERBYsys_updated_on', 'ORDERBYsys_id'].filter((part) => part).join('^');
}

/** With `timeline: sys_audit`: who made the latest update (the audit names who made the others). */
export const TIMELINE_FIELDS: readonly string[] = ['sys_updated_by'];

/** One page request: the records updated at or after `from`, `offset` places in. */
export function pageUrl(baseUrl: string, filter: string | undefined, from: Date | null, limit: number, offset: number, extraFields: readonly string[] = []): string {
  const params = new URLSearchParams({
    sysparm_query: encodedQuery(filter, from),
    sysparm_limit: String(limit),
    sysparm_offset: String(offset),
    sysparm_display_value: 'false',
    sysparm_fields: [...SERVICENOW_FIELDS, ...extraFields].join(','),
  });
  return `${baseUrl}/api/now/table/incident?${params}`;
}

/** `2024-05-01 07:15:00`: ServiceNow's UTC database format. */
export function snTime(instant: Date): string {
  return instant.toISOString().slice(0, 19).replace('T', ' ');
}

/** Milliseconds of a raw ServiceNow date-time (UTC, no marker); NaN if unreadable. */
export function snMillis(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value)) return Number.NaN;
  return Date.parse(`${value.replace(' ', 'T')}Z`);
}

/** v1's 404 for an empty result ("No Record found") is no rows; any other 404 (a wrong table or instance path) is an error. */
export function noRecords<T>(source: string, url: string, body: unknown): T[] {
  const message = isObject(body) && isObject(body.error) ? body.error.message : undefined;
  if (message === 'No Record found') return [];
  throw new VendorError(source, 'ServiceNow', url, `HTTP 404${typeof message === 'string' ? `: "${message}"` : ''} (check base_url).`);
}
