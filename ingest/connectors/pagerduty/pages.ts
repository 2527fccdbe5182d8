/**
 * Offset paging of a PagerDuty list (`/incidents`, `/log_entries`) inside one since/until window,
 * without ever asking past offset + limit = 10,000 — PagerDuty answers that with
 * 400 "Offset+limit exceeds maximum allowed value of 10000" (error 2002). The first request asks
 * for `total`; a window holding more than the cap is halved before paging. If it grows past the
 * cap while we page (new records), the rest is read as two halves; the caller drops repeats by id.
 */
import { MalformedPageError, VendorError } from '../errors.ts';
import type { HttpClient } from '../http.ts';
import { isObject } from '../instants.ts';
import { halves, iso, type Window } from './windows.ts';

export const OFFSET_CAP = 10_000;

export interface ListRequest {
  http: HttpClient;
  source: string;
  /** `https://api.pagerduty.com/incidents` */
  endpoint: string;
  /** The list's key in the response (`incidents`, `log_entries`). */
  key: string;
  limit: number;
  /** Extra query parameters (sort, filters); `[]`-suffixed keys may repeat. */
  params: Array<[string, string]>;
  /** The offset + limit ceiling. Default PagerDuty's 10,000 (tests use a small one). */
  cap?: number;
}

export async function* windowPages(request: ListRequest, window: Window): AsyncGenerator<Record<string, unknown>[]> {
  const cap = request.cap ?? OFFSET_CAP;
  const first = await fetchPage(request, window, 0, true);
  if (first.total !== null && first.total > cap) {
    yield* split(request, window, first.total);
    return;
  }
  yield first.items;
  let offset = first.limit;
  let more = first.more;
  while (more) {
    if (offset + first.limit > cap) {
      yield* split(request, window, null);
      return;
    }
    const page = await fetchPage(request, window, offset, false);
    yield page.items;
    offset += page.limit;
    more = page.more && page.items.length > 0;
  }
}

async function* split(request: ListRequest, window: Window, total: number | null): AsyncGenerator<Record<string, unknown>[]> {
  const parts = halves(window);
  if (!parts) {
    const count = total === null ? `more than ${(request.cap ?? OFFSET_CAP).toLocaleString('en-US')}` : total.toLocaleString('en-US');
    throw new VendorError(request.source, 'PagerDuty', request.endpoint, `${count} ${request.key} within one millisecond (${iso(window.since)}); offset paging can't reach them.`);
  }
  for (const part of parts) yield* windowPages(request, part);
}

interface ListPage {
  items: Record<string, unknown>[];
  limit: number;
  more: boolean;
  total: number | null;
}

async function fetchPage(request: ListRequest, window: Window, offset: number, total: boolean): Promise<ListPage> {
  const params = new URLSearchParams([
    ['since', iso(window.since)], ['until', iso(window.until)], ['limit', String(request.limit)], ['offset', String(offset)],
    ['total', String(total)], ['time_zone', 'UTC'], ...request.params,
  ]);
  const url = `${request.endpoint}?${params}`;
  const { body } = await request.http.getJson(url);
  const bad = (reason: string) => new MalformedPageError(request.source, 'PagerDuty', url, reason);
  if (!isObject(body) || !Array.isArray(body[request.key])) throw bad(`"${request.key}" is missing or not a list.`);
  const items = body[request.key] as unknown[];
  items.forEach((item, index) => {
    if (!isObject(item) || typeof item.id !== 'string') throw bad(`${request.key}[${index}] has no "id".`);
  });
  if (typeof body.more !== 'boolean') throw bad('"more" is missing.');
  // The server may cap the page size below what we asked: page on with what it used.
  const limit = typeof body.limit === 'number' && body.limit > 0 ? body.limit : request.limit;
  return { items: items as Record<string, unknown>[], limit, more: body.more, total: typeof body.total === 'number' ? body.total : null };
}
