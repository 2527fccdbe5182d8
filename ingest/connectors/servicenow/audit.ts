/**
 * `timeline: sys_audit`: the audit history of a page's incidents, from the Table API's
 * sys_audit table —
 *   GET /api/now/table/sys_audit?sysparm_query=tablename=incident^documentkeyIN<sys_id>,…
 *       ^fieldnameINstate,assignment_group,assigned_to,priority^ORDERBYsys_created_on
 * paged through the Link header's rel="next" (offset paging: entries are only ever added, later
 * than the ones read), raw values.
 *
 * Hazards:
 * - sys_audit is among the largest tables of an instance; every request is bounded by
 *   `documentkey` (indexed), never by time alone.
 * - A URL holding many sys_ids (32 characters each) grows past what proxies accept, so the ids
 *   go `IDS_PER_REQUEST` at a time; the chunks are fetched side by side within the source's
 *   concurrency.
 * - Reading sys_audit needs a role many integration users lack: a 403 is an AuthError naming the
 *   source and its variables, like any other.
 * - v1 answers an empty result with 404 "No Record found": no history, not an error.
 */
import { MalformedPageError } from '../errors.ts';
import type { HttpClient } from '../http.ts';
import { isObject } from '../instants.ts';
import { parseLinkHeader } from '../link-header.ts';
import { AUDITED_FIELDS, auditProblem, toEntry, type AuditEntry } from './history.ts';
import { noRecords } from './query.ts';

/** sys_ids per request: ~3.5 KB of URL for 100, well under the common 8 KB limits. */
export const IDS_PER_REQUEST = 100;

export const AUDIT_FIELDS = ['documentkey', 'fieldname', 'oldvalue', 'newvalue', 'sys_created_on', 'user', 'record_checkpoint'] as const;

export function auditUrl(baseUrl: string, sysIds: readonly string[], limit: number): string {
  const params = new URLSearchParams({
    sysparm_query: `tablename=incident^documentkeyIN${sysIds.join(',')}^fieldnameIN${AUDITED_FIELDS.join(',')}^ORDERBYsys_created_on`,
    sysparm_limit: String(limit),
    sysparm_offset: '0',
    sysparm_display_value: 'false',
    sysparm_fields: AUDIT_FIELDS.join(','),
  });
  return `${baseUrl}/api/now/table/sys_audit?${params}`;
}

/** Every audit entry of the incidents `sysIds`, grouped by sys_id (an id without entries: absent). */
export async function readAudit(source: { name: string; base_url: string; page_size: number }, http: HttpClient, sysIds: readonly string[]): Promise<Map<string, AuditEntry[]>> {
  const chunks: string[][] = [];
  for (let start = 0; start < sysIds.length; start += IDS_PER_REQUEST) chunks.push(sysIds.slice(start, start + IDS_PER_REQUEST));
  const lists = await Promise.all(chunks.map((chunk) => readChunk(source, http, chunk)));
  const byId = new Map<string, AuditEntry[]>();
  for (const entry of lists.flat()) {
    const list = byId.get(entry.documentkey);
    if (list) list.push(entry);
    else byId.set(entry.documentkey, [entry]);
  }
  return byId;
}

async function readChunk(source: { name: string; base_url: string; page_size: number }, http: HttpClient, sysIds: readonly string[]): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let url: string | undefined = auditUrl(source.base_url, sysIds, source.page_size);
  while (url) {
    const response = await http.getJson(url, { accept: [404] });
    const items: AuditEntry[] = response.status === 404 ? noRecords<AuditEntry>(source.name, url, response.body) : checkAuditPage(source.name, url, response.body);
    entries.push(...items);
    url = items.length > 0 ? parseLinkHeader(response.headers.get('link')).next : undefined;
  }
  return entries;
}

function checkAuditPage(source: string, url: string, body: unknown): AuditEntry[] {
  if (!isObject(body) || !Array.isArray(body.result)) throw new MalformedPageError(source, 'ServiceNow', url, '"result" is missing or not a list.');
  return body.result.map((item, index) => {
    const problem = auditProblem(item);
    if (problem) throw new MalformedPageError(source, 'ServiceNow', url, `audit entry result[${index}] ${problem}.`);
    return toEntry(item as Record<string, unknown>);
  });
}
