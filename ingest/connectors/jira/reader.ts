/**
 * Jira Cloud: GET /rest/api/3/search/jql with a bounded JQL ordered by updated time, an explicit
 * fields list (the endpoint returns only `id` by default), `expand=changelog,names`,
 * `maxResults` issues a request (Jira may return fewer). Each page's cursor is the latest
 * `updated` seen so far: the order is ascending, so everything before it has been read.
 *
 * Paging: after a page whose last issue was updated in a later minute than the query's bound,
 * the next request is a new query bounded at that issue's minute (`updated >= "<that minute>"`,
 * rendered in the user's zone as the first bound is, no token); the issues already read that it
 * returns again unchanged (same id, same `updated`) are dropped from the page handed on. While a
 * page ends inside the bound minute, the query's nextPageToken is followed (below). There is more
 * until `isLast`. /search/jql gives no total, so progress has none.
 *
 * Why: Atlassian doesn't document whether a nextPageToken keeps its place when an issue is
 * updated while we page. If it is an offset into the query evaluated again (a legitimate reading,
 * and the fake's), the updated issue moves to the end of the order and shifts every later issue
 * one place back, so the first issue of the next page slides onto a page already read, is never
 * fetched, and the run's cursor passes it. From the last issue's minute, an update can only move
 * an issue after what was read, where this run still reads it (again, in its new state: an issue
 * re-read with another `updated` is handed on).
 *
 * Ties: JQL dates have minute precision, so a bulk edit easily puts more issues in one minute
 * than a page holds; a new query from that minute would return only issues already read. So
 * inside the bound minute the reader follows the current query's token: every request moves the
 * bound to a later minute or follows a new token (one returned twice is a malformed page), so the
 * run ends. Hazard (that case only): an issue of that minute updated while the reader pages
 * inside it (or a changed order among its issues, which Jira doesn't document) can shift one
 * unread issue of that minute onto a page already read, skipped until its next change or `--full`.
 */
import { isTimeZone } from '../../../queries/time-zone.ts';
import { MalformedPageError } from '../errors.ts';
import { isObject, isoMillis, laterIso, minus } from '../instants.ts';
import { mapLimit } from '../limit.ts';
import type { Page, ReaderContext } from '../types.ts';
import { withFullChangelog } from './changelog.ts';
import { boundedJql, jqlDate } from './jql.ts';
import type { JiraSource } from './options.ts';
import { checkSearchPage } from './page.ts';

/** The fields the jira profile reads (ingest/profiles/jira/issue.ts). */
export const JIRA_FIELDS = [
  'summary', 'status', 'priority', 'issuetype', 'assignee', 'reporter', 'created', 'updated', 'resolution', 'resolutiondate',
  'labels', 'components', 'project',
] as const;

export async function* readJira(context: ReaderContext<JiraSource>): AsyncGenerator<Page> {
  const { source, http } = context;
  const zone = await userTimeZone(context);
  const from = context.cursor ? minus(source.name, context.cursor, source.overlap) : source.start ? new Date(source.start) : null;
  const fields = [...JIRA_FIELDS, ...source.fields].join(',');
  // The current query: issues updated at or after the minute `bound` falls in (in `zone`), or all
  // of them; `token`: where in it the next page starts; `seen`: id → `updated` of the issues read
  // in that minute.
  let bound = from === null ? null : { at: from.getTime(), minute: jqlDate(from, zone) };
  let token: string | null = null;
  let seen = new Map<string, number>();
  let cursor = context.cursor;
  const minuteOf = (ms: number) => jqlDate(new Date(ms), zone);
  for (;;) {
    const params = new URLSearchParams({ jql: boundedJql(source.jql, bound && new Date(bound.at), zone), maxResults: String(source.page_size), fields, expand: 'changelog,names' });
    if (token) params.set('nextPageToken', token);
    const url = `${source.base_url}/rest/api/3/search/jql?${params}`;
    const page = checkSearchPage(source.name, url, (await http.getJson(url)).body);
    const times = page.issues.map((issue) => isoMillis((issue.fields as Record<string, unknown>).updated));
    cursor = laterIso(cursor, times);
    const fresh = page.issues.filter((issue, index) => seen.get(idOf(issue)) !== times[index]);
    const issues = await mapLimit(fresh, source.concurrency, (issue) => withFullChangelog(http, source.name, source.base_url, issue));
    yield { records: issues, cursor, meta: page.names ? { names: page.names } : {} };
    if (page.isLast) return;
    const last = times.at(-1);
    const end = last === undefined ? null : { at: last, minute: minuteOf(last) };
    // Minutes compare as JQL sees them, wall clocks in `zone`: where its clocks go back, an hour's
    // minutes repeat, and a later one with the same label keeps to the token (safe, only slower).
    if (end && (bound === null || (end.at > bound.at && end.minute !== bound.minute))) {
      // Ended in a later minute: a new query from it, knowing the issues of that minute read here.
      bound = end;
      seen = new Map();
      token = null;
    } else {
      // Still inside the bound minute (more issues in it than a page holds): on by this query's token.
      if (page.nextPageToken === token) throw new MalformedPageError(source.name, 'Jira', url, 'the same nextPageToken came back again.');
      token = page.nextPageToken;
    }
    if (bound) for (const [index, issue] of page.issues.entries()) if (minuteOf(times[index]!) === bound.minute) seen.set(idOf(issue), times[index]!);
  }
}

/** An issue's identity for "already read" (as the connector's batch key): its id, else its key. */
function idOf(issue: Record<string, unknown>): string {
  return String(issue.id ?? issue.key);
}

/** The calling user's zone, in which Jira reads JQL dates. */
async function userTimeZone({ source, http }: ReaderContext<JiraSource>): Promise<string> {
  const url = `${source.base_url}/rest/api/3/myself`;
  const { body } = await http.getJson(url);
  const zone = isObject(body) ? body.timeZone : undefined;
  if (typeof zone !== 'string' || !isTimeZone(zone)) {
    throw new MalformedPageError(source.name, 'Jira', url, `expected the user's "timeZone" (an IANA zone), got ${JSON.stringify(zone)}.`);
  }
  return zone;
}
