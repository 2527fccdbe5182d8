/**
 * Completes an issue's changelog. `expand=changelog` stops at 100 entries (Jira says so in
 * `changelog.total`); a long-lived incident's first acknowledgement may be among the missing
 * ones, so the rest is read from GET /rest/api/3/issue/{key}/changelog (oldest first, paged by
 * startAt / isLast) and the issue gets its whole history in the shape expand=changelog has.
 */
import { MalformedPageError } from '../errors.ts';
import type { HttpClient } from '../http.ts';
import { isObject } from '../instants.ts';

export async function withFullChangelog(http: HttpClient, source: string, baseUrl: string, issue: Record<string, unknown>): Promise<Record<string, unknown>> {
  const changelog = issue.changelog;
  if (!isObject(changelog) || !Array.isArray(changelog.histories)) return issue;
  const total = typeof changelog.total === 'number' ? changelog.total : changelog.histories.length;
  if (total <= changelog.histories.length) return issue;
  const histories: unknown[] = [];
  for (let startAt = 0; ;) {
    const url = `${baseUrl}/rest/api/3/issue/${encodeURIComponent(String(issue.key))}/changelog?startAt=${startAt}&maxResults=100`;
    const { body } = await http.getJson(url);
    if (!isObject(body) || !Array.isArray(body.values)) throw new MalformedPageError(source, 'Jira', url, '"values" is missing or not a list.');
    histories.push(...body.values);
    startAt += body.values.length;
    const last = body.isLast === true || body.values.length === 0 || (typeof body.total === 'number' && startAt >= body.total);
    if (last) break;
  }
  return { ...issue, changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories } };
}
