/**
 * GitHub issues as incidents: GET /repos/{owner}/{repo}/issues with the configured labels,
 * state=all, sort=updated ascending, `since` (inclusive: "updated at or after"), per_page ≤ 100.
 * Each request after the first starts again from the last update time read (`since` = it, page
 * 1) instead of asking for the next page of the first request's order; the items at exactly that
 * time that were already read are dropped from the page handed on. There is more while the answer's
 * Link header has rel="next" (GitHub's own statement, which spares the empty request a full last
 * page would cost). Pull requests come back too and are dropped (they carry `pull_request`);
 * each issue gets its timeline. A page's cursor is the latest updated_at seen, pull requests
 * included: the order is ascending, so everything before it has been read.
 *
 * Why: with page paging, an issue updated while we page moves to the end of the order and shifts
 * every later issue one place back, so the first issue of the next page slid onto a page already
 * read and was never fetched, and the run's cursor passed it. From the last update time, an
 * update can only move an issue after what was read, where this run still reads it (again, in
 * its new state).
 *
 * Ties: `since` and updated_at have second precision. When more items share one second than fit
 * on a page, a request from that second's page 1 would only return items already read, so inside
 * that second the reader goes on by page (the page holding the first item not yet read): every
 * request moves `since` or the page forward, so the run ends. Hazard (that case only): GitHub
 * documents no order among items updated in the same second (the fake orders them by number), so
 * if that order changes between requests, or an item of that second is updated meanwhile, one can
 * be skipped (until its next change, or `--full`).
 */
import { MalformedPageError } from '../errors.ts';
import { isObject, isoMillis, laterIso, minus } from '../instants.ts';
import { mapLimit } from '../limit.ts';
import { parseLinkHeader } from '../link-header.ts';
import type { Page, ReaderContext } from '../types.ts';
import type { GitHubSource } from './options.ts';
import { withTimeline } from './timeline.ts';

export async function* readGitHub(context: ReaderContext<GitHubSource>): AsyncGenerator<Page> {
  const { source, http } = context;
  const perPage = source.page_size;
  // The next request: items updated at or after `since`, `passed` places of that list already
  // read (it asks for the page holding the next one); `seen`: the items read whose updated_at is `since`.
  let since = context.cursor ? minus(source.name, context.cursor, source.overlap) : source.start ? new Date(source.start) : null;
  let passed = 0;
  let seen = new Set<number>();
  let cursor = context.cursor;
  for (;;) {
    const page = Math.floor(passed / perPage) + 1;
    const url = issuesUrl(source, since, page);
    const response = await http.getJson(url);
    const items = checkIssuesPage(source.name, url, response.body);
    const times = items.map((item) => isoMillis(item.updated_at));
    cursor = laterIso(cursor, times);
    const bound = since?.getTime();
    const fresh = items.filter((item, index) => !(times[index] === bound && seen.has(item.number as number)));
    const issues = fresh.filter((item) => !('pull_request' in item));
    const records = await mapLimit(issues, source.concurrency, (issue) => withTimeline(http, source, issue));
    yield { records, cursor };
    if (!parseLinkHeader(response.headers.get('link')).next || items.length === 0) return;
    const last = times.at(-1)!;
    if (bound === undefined || last > bound) {
      since = new Date(last);
      seen = new Set(items.filter((_, index) => times[index] === last).map((item) => item.number as number));
      passed = seen.size;
    } else {
      // The whole page was at `since` (more items in that second than a page holds): on by page inside it.
      items.forEach((item, index) => times[index] === bound && seen.add(item.number as number));
      passed = Math.max(seen.size, page * perPage);
    }
  }
}

/** `since` whole seconds (GitHub's precision; updated_at has no fraction); `page` only past the first. */
function issuesUrl(source: GitHubSource, since: Date | null, page: number): string {
  const params = new URLSearchParams({ state: 'all', labels: source.labels.join(','), sort: 'updated', direction: 'asc', per_page: String(source.page_size) });
  if (since) params.set('since', since.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  if (page > 1) params.set('page', String(page));
  return `${source.base_url}/repos/${source.repo}/issues?${params}`;
}

function checkIssuesPage(source: string, url: string, body: unknown): Record<string, unknown>[] {
  const bad = (reason: string) => new MalformedPageError(source, 'GitHub', url, reason);
  if (!Array.isArray(body)) throw bad('expected a list of issues.');
  body.forEach((item, index) => {
    if (!isObject(item) || typeof item.number !== 'number') throw bad(`item ${index} is not an issue with a "number".`);
    if (Number.isNaN(isoMillis(item.updated_at))) throw bad(`issue #${item.number} has no readable updated_at.`);
  });
  return body as Record<string, unknown>[];
}
