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
 * Hazard (offset paging): a record updated while we page moves to the end of the order and
 * shifts the rest one place back, so one record can be skipped in that run. The overlap window
 * only re-reads recent changes; `--full` re-reads everything.
 */
import { MalformedPageError, VendorError } from '../errors.ts';
import { isObject, laterIso, minus } from '../instants.ts';
import { parseLinkHeader } from '../link-header.ts';
import type { Page, ReaderContext } from '../types.ts';
import type { ServiceNowSource } from './options.ts';
import { firstPageUrl, snMillis } from './query.ts';

export async function* readServiceNow(context: ReaderContext<ServiceNowSource>): AsyncGenerator<Page> {
  const { source, http } = context;
  const from = context.cursor ? minus(source.name, context.cursor, source.overlap) : source.start ? new Date(source.start) : null;
  let url = firstPageUrl(source.base_url, source.query, from, source.page_size);
  let cursor = context.cursor;
  for (;;) {
    const response = await http.getJson(url, { accept: [404] });
    const records = response.status === 404 ? noRecords(source.name, url, response.body) : checkTablePage(source.name, url, response.body);
    cursor = laterIso(cursor, records.map((record) => snMillis(record.sys_updated_on)));
    const total = Number(response.headers.get('x-total-count'));
    yield { records, cursor, ...(Number.isFinite(total) && total > 0 ? { total } : {}) };
    const next = parseLinkHeader(response.headers.get('link')).next;
    if (!next || records.length === 0) return;
    url = next;
  }
}

function checkTablePage(source: string, url: string, body: unknown): Record<string, unknown>[] {
  const bad = (reason: string) => new MalformedPageError(source, 'ServiceNow', url, reason);
  if (!isObject(body) || !Array.isArray(body.result)) throw bad('"result" is missing or not a list.');
  body.result.forEach((record, index) => {
    if (!isObject(record)) throw bad(`result[${index}] is not a record.`);
    if (Number.isNaN(snMillis(record.sys_updated_on))) throw bad(`record ${String(record.number ?? index)} has no readable sys_updated_on.`);
  });
  return body.result as Record<string, unknown>[];
}

/** v1's 404 for an empty result; any other 404 (a wrong table or instance path) is an error. */
function noRecords(source: string, url: string, body: unknown): Record<string, unknown>[] {
  const message = isObject(body) && isObject(body.error) ? body.error.message : undefined;
  if (message === 'No Record found') return [];
  throw new VendorError(source, 'ServiceNow', url, `HTTP 404${typeof message === 'string' ? `: "${message}"` : ''} (check base_url).`);
}
