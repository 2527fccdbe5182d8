/**
 * One issue's timeline: GET /repos/{o}/{r}/issues/{n}/timeline, 100 per page, through the Link
 * header's rel="next". Embedded as `issue.timeline`, the shape the github profile reads.
 */
import { MalformedPageError } from '../errors.ts';
import type { HttpClient } from '../http.ts';
import { isObject } from '../instants.ts';
import { parseLinkHeader } from '../link-header.ts';
import type { GitHubSource } from './options.ts';

export async function withTimeline(http: HttpClient, source: GitHubSource, issue: Record<string, unknown>): Promise<Record<string, unknown>> {
  const events: unknown[] = [];
  let url: string | undefined = `${source.base_url}/repos/${source.repo}/issues/${String(issue.number)}/timeline?per_page=100`;
  while (url) {
    const response = await http.getJson(url);
    if (!Array.isArray(response.body) || !response.body.every(isObject)) {
      throw new MalformedPageError(source.name, 'GitHub', url, 'expected a list of timeline events.');
    }
    events.push(...response.body);
    url = response.body.length > 0 ? parseLinkHeader(response.headers.get('link')).next : undefined;
  }
  return { ...issue, timeline: events };
}
