/**
 * ServiceNow Table API: GET /api/now/table/incident with the encoded query (query.ts), in
 * sys_updated_on order (ties by sys_id), `sysparm_limit` records a request. Each request after
 * the first starts again from the last update time read (`sys_updated_on>=` it, offset 0) instead
 * of an offset into the first request's order; the records at exactly that time that were already
 * read are dropped from the page handed on. There is more while the answer's Link header has
 * rel="next": a page may hold fewer records than asked although more follow (the limit is applied
 * before ACLs), so a short page says nothing, and an empty one with a next link (every record of
 * its places hidden from the sync user) is passed by offset. The first answer's X-Total-Count is the run's total
 * (later requests count only what is left from their bound).
 *
 * Why: with offset paging, a record updated while we page moves to the end of the order and
 * shifts every later record one place back, so the first record of the next page slid onto a page
 * already read and was never fetched, and the run's cursor passed it. From the last update time,
 * an update can only move a record after what was read, where this run still reads it (again, in
 * its new state).
 *
 * Ties: when more records share one sys_updated_on than fit on a page, a request from that time
 * at offset 0 would only return records already read, so inside that time the reader goes on by
 * offset (how many at that time were read): every request moves the bound or the offset forward,
 * so the run ends. Hazard (that case only): a record at that time updated while the reader pages
 * inside it shifts the unread ones at that time one place back, so one can be skipped (until its
 * next change, or `--full`).
 *
 * Named cases: the unversioned (v1) API answers an empty result with 404 "No Record found"
 * (v2 with 200 `{"result": []}`), which is an empty page, not an error. Every value is a string
 * and references are `{link, value}`; a page whose `result` is not a list of objects, or whose
 * record lacks a readable sys_updated_on (the cursor), is malformed.
 *
 * With `timeline: sys_audit`, each page's incidents come with their audit history (audit.ts),
 * fetched before the page is handed on, so a batch is stored with the history it needs.
 */
import { MalformedPageError } from '../errors.ts';
import { isObject, laterIso, minus } from '../instants.ts';
import { parseLinkHeader } from '../link-header.ts';
import type { Page, ReaderContext } from '../types.ts';
import type { ServiceNowSource } from './options.ts';
import { readAudit } from './audit.ts';
import { AuditedRecord } from './history.ts';
import { noRecords, pageUrl, snMillis, TIMELINE_FIELDS } from './query.ts';

export async function* readServiceNow(context: ReaderContext<ServiceNowSource>): AsyncGenerator<Page> {
  const { source, http } = context;
  const audited = source.timeline === 'sys_audit';
  const limit = source.page_size;
  // The next request: records updated at or after `since`, `offset` places in; `seen`: the
  // records read whose sys_updated_on is `since`.
  let since = context.cursor ? minus(source.name, context.cursor, source.overlap) : source.start ? new Date(source.start) : null;
  let offset = 0;
  let seen = new Set<string>();
  let cursor = context.cursor;
  let total: number | undefined;
  for (let first = true; ; first = false) {
    const url = pageUrl(source.base_url, source.query, since, limit, offset, audited ? TIMELINE_FIELDS : []);
    const response = await http.getJson(url, { accept: [404] });
    const records = response.status === 404 ? noRecords<Record<string, unknown>>(source.name, url, response.body) : checkTablePage(source.name, url, response.body, audited);
    const times = records.map((record) => snMillis(record.sys_updated_on));
    cursor = laterIso(cursor, times);
    if (first) {
      const count = Number(response.headers.get('x-total-count'));
      if (Number.isFinite(count) && count > 0) total = count;
    }
    const bound = since?.getTime();
    const fresh = records.filter((record, index) => !(times[index] === bound && seen.has(keyOf(record))));
    const history = audited && fresh.length > 0 ? await readAudit(source, http, fresh.map((record) => String(record.sys_id))) : null;
    yield {
      records: history ? fresh.map((record) => new AuditedRecord(record, history.get(String(record.sys_id)) ?? [])) : fresh,
      cursor, ...(total === undefined ? {} : { total }),
    };
    if (!parseLinkHeader(response.headers.get('link')).next) return;
    if (records.length === 0) {
      // Every record of those `limit` places is hidden from the sync user (the limit is applied
      // before ACLs) while more follow: past them, from the same time.
      offset += limit;
      continue;
    }
    const last = times.at(-1)!;
    if (bound === undefined || last > bound) {
      since = new Date(last);
      seen = new Set(records.filter((_, index) => times[index] === last).map(keyOf));
      offset = seen.size < limit ? 0 : seen.size;
    } else {
      // The whole page was at `since` (a tie group longer than a page): on by offset inside it. The
      // page covered `limit` places whatever it showed (the limit is applied before ACLs).
      records.forEach((record, index) => times[index] === bound && seen.add(keyOf(record)));
      offset = Math.max(seen.size, offset + limit);
    }
  }
}

/** A record's identity for "already read": its sys_id (always asked for), else the whole record. */
function keyOf(record: Record<string, unknown>): string {
  return typeof record.sys_id === 'string' && record.sys_id !== '' ? record.sys_id : JSON.stringify(record);
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
