/**
 * What a /rest/api/3/search/jql page must look like before anything of it is stored:
 * `{issues: [IssueBean], nextPageToken?, isLast?, names?}`, every issue an object with a `key`,
 * `fields` and `fields.updated` (the cursor is built from it). Anything else is a malformed page.
 */
import { MalformedPageError } from '../errors.ts';
import { isObject, isoMillis } from '../instants.ts';

export interface SearchPage {
  issues: Record<string, unknown>[];
  nextPageToken: string | null;
  isLast: boolean;
  names: Record<string, unknown> | null;
}

export function checkSearchPage(source: string, url: string, body: unknown): SearchPage {
  const bad = (reason: string) => new MalformedPageError(source, 'Jira', url, reason);
  if (!isObject(body)) throw bad('expected a JSON object with "issues".');
  if (!Array.isArray(body.issues)) throw bad('"issues" is missing or not a list.');
  body.issues.forEach((issue, index) => {
    if (!isObject(issue) || typeof issue.key !== 'string' || !isObject(issue.fields)) throw bad(`issues[${index}] is not an issue with "key" and "fields".`);
    if (Number.isNaN(isoMillis(issue.fields.updated))) throw bad(`issue ${issue.key} has no readable fields.updated.`);
  });
  const token = typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : null;
  const isLast = body.isLast === true || token === null;
  if (body.isLast === false && token === null) throw bad('"isLast" is false but there is no nextPageToken.');
  return { issues: body.issues as Record<string, unknown>[], nextPageToken: token, isLast, names: isObject(body.names) ? body.names : null };
}
