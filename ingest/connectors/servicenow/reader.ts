/**
 * ServiceNow Table API: GET /api/now/table/incident with the encoded query (query.ts), paged by
 * sysparm_offset / sysparm_limit through the Link header's rel="next" (X-Total-Count says how many
 * in all), until there is no next link.
 *
 * Named cases: the unversioned (v1) API answers an empty result with 404 "No Record found"
 * (v2 with 200 `{"result": []}`), which is an empty page, not an error. Every value is a string
 * and references are `{link, value}`; a page whose `result` is not a list of objects, or whose
 * record lacks a readable sys_updated_on (the cursor), is malformed.
 *
 * With `timeline: sys_audit`, each page's incidents come with their audit history (audit.ts),
 * fetched before the page is handed on, so a batch is stored with the history it needs.
 *
 * Hazard (offset paging): a record updated while we page moves to the end of the order and
 * shifts the rest one place back, so one record can be skipped in that run. The overlap window
 * only re-reads recent changes; `--full` re-reads everything.
 */
import { MalformedPageError } from '../errors.ts';
import { isObject, laterIso, minus } from '../instants.ts';
import { parseLinkHeader } from '../link-header.ts';
import type { Page, ReaderContext } from '../types.ts';
import type { ServiceNowSource } from './options.ts';
import { readAudit } from './audit.ts';
import { AuditedRecord } from './history.ts';
import { firstPageUrl, noRecords, snMillis, TIMELINE_FIELDS } from './query.ts';

export async function* readServiceNow(context: ReaderContext<ServiceNowSource>): AsyncGenerator<Page> {
  const { source, http } = context;
  const from = context.cursor ? minus(source.name, context.cursor, source.overlap) : source.start ? new Date(source.start) : null;
  const audited = source.timeline === 'sys_audit';
  let url = firstPageUrl(source.base_url, source.query, from, source.page_size, audited ? TIMELINE_FIELDS : []);
  let cursor = context.cursor;
  for (;;) {
    const response = await http.getJson(url, { accept: [404] });
    const records = response.status === 404 ? noRecords<Record<string, unknown>>(source.name, url, response.body) : checkTablePage(source.name, url, response.body, audited);
    cursor = laterIso(cursor, records.map((record) => snMillis(record.sys_updated_on)));
    const total = Number(response.headers.get('x-total-count'));
    const history = audited && records.length > 0 ? await readAudit(source, http, records.map((record) => String(record.sys_id))) : null;
    yield {
      records: history ? records.map((record) => new AuditedRecord(record, history.get(String(record.sys_id)) ?? [])) : records,
      cursor, ...(Number.isFinite(total) && total > 0 ? { total } : {}),
    };
    const next = parseLinkHeader(response.headers.get('link')).next;
    if (!next || records.length === 0) return;
    url = next;
  }
}

/** `needSysId`: the audit history is looked up by sys_id, so without one the timeline can't be read. */
function checkTablePage(source: string, url: string, body: unknown, needSysId: boolean): Record<string, unknown>[] {
  const bad = (reason: string) => new MalformedPageError(source, 'ServiceNow', url, reason);
  if (!isObject(body) || !Array.isArray(body.result)) throw bad('"result" is missing or not a list.');
  body.result.forEach((record, index) => {
    if (!isObject(record)) throw bad(`result[${index}] is not a record.`);
    if (Number.isNaN(snMillis(record.sys_updated_on))) throw bad(`record ${String(record.number ?? index)} has no readable sys_updated_on.`);
    if (needSysId && (typeof record.sys_id !== 'string' || record.sys_id === '')) throw bad(`record ${String(record.number ?? index)} has no sys_id.`);
  });
  return body.result as Record<string, unknown>[];
}
