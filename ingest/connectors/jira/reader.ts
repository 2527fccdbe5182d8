/**
 * Jira Cloud: GET /rest/api/3/search/jql with a bounded JQL ordered by updated time, an explicit
 * fields list (the endpoint returns only `id` by default), `expand=changelog,names`, paged by
 * nextPageToken until isLast. Each page's cursor is the latest `updated` seen so far: the order
 * is ascending, so everything before it has been read.
 */
import { isTimeZone } from '../../../queries/time-zone.ts';
import { MalformedPageError } from '../errors.ts';
import { isObject, isoMillis, laterIso, minus } from '../instants.ts';
import { mapLimit } from '../limit.ts';
import type { Page, ReaderContext } from '../types.ts';
import { withFullChangelog } from './changelog.ts';
import { boundedJql } from './jql.ts';
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
  const jql = boundedJql(source.jql, from, zone);
  const fields = [...JIRA_FIELDS, ...source.fields].join(',');
  let cursor = context.cursor;
  let token: string | null = null;
  for (;;) {
    const params = new URLSearchParams({ jql, maxResults: String(source.page_size), fields, expand: 'changelog,names' });
    if (token) params.set('nextPageToken', token);
    const url = `${source.base_url}/rest/api/3/search/jql?${params}`;
    const page = checkSearchPage(source.name, url, (await http.getJson(url)).body);
    const issues = await mapLimit(page.issues, source.concurrency, (issue) => withFullChangelog(http, source.name, source.base_url, issue));
    cursor = laterIso(cursor, issues.map((issue) => isoMillis((issue.fields as Record<string, unknown>).updated)));
    yield { records: issues, cursor, meta: page.names ? { names: page.names } : {} };
    if (page.isLast) return;
    token = page.nextPageToken;
  }
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
