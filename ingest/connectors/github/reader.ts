/**
 * GitHub issues as incidents: GET /repos/{owner}/{repo}/issues with the configured labels,
 * state=all, sort=updated ascending, `since` (inclusive: "updated at or after"), per_page ≤ 100,
 * through the Link header's rel="next" (GitHub rewrites it to /repositories/{id}/issues). Pull
 * requests come back too and are dropped (they carry `pull_request`); each issue gets its
 * timeline. A page's cursor is the latest updated_at seen, pull requests included: the order is
 * ascending, so everything before it has been read.
 *
 * Hazard (page paging): an issue updated while we page moves to the end and shifts the rest one
 * place back; one issue can be skipped in that run. `--full` re-reads everything.
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
  const from = context.cursor ? minus(source.name, context.cursor, source.overlap) : source.start ? new Date(source.start) : null;
  const params = new URLSearchParams({ state: 'all', labels: source.labels.join(','), sort: 'updated', direction: 'asc', per_page: String(source.page_size) });
  if (from) params.set('since', from.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  let url: string | undefined = `${source.base_url}/repos/${source.repo}/issues?${params}`;
  let cursor = context.cursor;
  while (url) {
    const response = await http.getJson(url);
    const items = checkIssuesPage(source.name, url, response.body);
    const issues = items.filter((item) => !('pull_request' in item));
    const records = await mapLimit(issues, source.concurrency, (issue) => withTimeline(http, source, issue));
    cursor = laterIso(cursor, items.map((item) => isoMillis(item.updated_at)));
    yield { records, cursor };
    url = items.length > 0 ? parseLinkHeader(response.headers.get('link')).next : undefined;
  }
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
