/**
 * A fake Jira Cloud (REST v3), faithful to api-contracts.md §1 where a sync can tell:
 * - auth: `Basic base64(email:token)` or `Bearer <token>`, else 401;
 * - GET /rest/api/3/myself → the user's timeZone (JQL dates are read in it);
 * - GET /rest/api/3/search/jql: bounded JQL (jira-jql.ts), `fields` (default `id` only),
 *   `expand=changelog,names`, `maxResults` capped at `pageCap` (Jira returns fewer than asked
 *   when many fields are requested), opaque `nextPageToken`, `isLast`, no `total`; the token is an
 *   offset into the query evaluated again on each request (below), so an issue updated between
 *   two requests shifts the ones after it, as a sync must survive;
 *   expand=changelog inlines at most `changelogCap` histories with the true `total`;
 * - GET /rest/api/3/issue/{key}/changelog: startAt / maxResults / isLast / values, oldest first;
 * - GET /rest/api/3/search (the removed endpoint) → 410 Gone;
 * - 429 with Retry-After, X-RateLimit-Reset (ISO), RateLimit-Reason.
 * Issues are held complete (all histories in `changelog.histories`) in `issues`, which tests edit.
 */
import { Hono } from 'hono';
import { answerFault, Faults, type FakeContext, type FakeEnv } from './faults.ts';
import { JqlError, parseJql } from './jira-jql.ts';

export interface JiraIssue {
  id: string;
  key: string;
  self?: string;
  expand?: string;
  fields: Record<string, unknown>;
  changelog: { histories: Array<Record<string, unknown>> };
}

export interface JiraFakeOptions {
  email: string;
  token: string;
  /** The calling user's zone. Default Asia/Bangkok (+07:00, as in the samples). */
  zone?: string;
  /** Most issues per page whatever maxResults asks. Default 50. */
  pageCap?: number;
  /** Most histories inlined by expand=changelog. Default 100 (Jira's). */
  changelogCap?: number;
  /** Field id → display name, for expand=names. */
  names?: Record<string, string>;
  now?: () => number;
}

export function createJiraFake(issues: JiraIssue[], options: JiraFakeOptions) {
  const faults = new Faults();
  const requests: string[] = [];
  const zone = options.zone ?? 'Asia/Bangkok';
  const now = options.now ?? Date.now;
  const app = new Hono<FakeEnv>();
  const vendor = {
    rateLimited: (c: FakeContext, fault: { seconds: number }) => {
      const reset = new Date(now() + fault.seconds * 1000).toISOString().slice(0, 16) + 'Z';
      c.header('Retry-After', String(fault.seconds));
      c.header('X-RateLimit-Reset', reset);
      c.header('X-RateLimit-Limit', '100');
      c.header('X-RateLimit-Remaining', '0');
      c.header('RateLimit-Reason', 'jira-burst-based');
      return c.json({ errorMessages: ['Rate limit exceeded.'], errors: {} }, 429);
    },
    unauthorized: (c: FakeContext) => c.json({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} }, 401),
  };

  app.use('*', async (c, next) => {
    requests.push(c.req.url);
    const auth = c.req.header('authorization');
    const basic = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`;
    if (auth !== basic && auth !== `Bearer ${options.token}`) return vendor.unauthorized(c);
    await next();
  });

  app.get('/rest/api/3/myself', (c) => c.json({ accountId: '712020:fake', displayName: 'Sync Bot', timeZone: zone, active: true }));
  app.get('/rest/api/3/search', (c) => c.json({ errorMessages: ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'], errors: {} }, 410));

  app.get('/rest/api/3/search/jql', (c) => {
    const fault = answerFault(c, faults.next(), vendor);
    if (fault) return fault;
    const jql = c.req.query('jql') ?? '';
    let query;
    try {
      query = parseJql(jql, zone);
    } catch (error) {
      if (error instanceof JqlError) return c.json({ errorMessages: [error.message], errors: {} }, 400);
      throw error;
    }
    const token = c.req.query('nextPageToken');
    const offset = token ? decodeToken(token, jql) : 0;
    if (offset === null) return c.json({ errorMessages: ['The provided next page token is invalid or expired.'], errors: {} }, 400);
    const size = Math.min(Number(c.req.query('maxResults') ?? 50), options.pageCap ?? 50);
    const sign = query.direction === 'asc' ? 1 : -1;
    const matching = issues
      .filter((issue) => query.matches(issue))
      .sort((a, b) => sign * (updatedMs(a) - updatedMs(b)) || Number(a.id) - Number(b.id));
    const page = matching.slice(offset, offset + size);
    const fields = (c.req.query('fields') ?? 'id').split(',');
    const expand = (c.req.query('expand') ?? '').split(',');
    const isLast = offset + page.length >= matching.length;
    return c.json({
      issues: page.map((issue) => render(issue, fields, expand.includes('changelog'), options.changelogCap ?? 100, new URL(c.req.url).origin)),
      ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length, jql) }),
      isLast,
      ...(expand.includes('names') ? { names: namesOf(fields, options.names ?? {}) } : {}),
    });
  });

  app.get('/rest/api/3/issue/:key/changelog', (c) => {
    const issue = issues.find((candidate) => candidate.key === c.req.param('key') || candidate.id === c.req.param('key'));
    if (!issue) return c.json({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }, 404);
    const startAt = Number(c.req.query('startAt') ?? 0);
    const maxResults = Math.min(Number(c.req.query('maxResults') ?? 100), 100);
    const values = issue.changelog.histories.slice(startAt, startAt + maxResults);
    const total = issue.changelog.histories.length;
    return c.json({ self: c.req.url, maxResults, startAt, total, isLast: startAt + values.length >= total, values });
  });

  return { app, issues, faults, requests };
}

function render(issue: JiraIssue, fields: string[], changelog: boolean, cap: number, origin: string): Record<string, unknown> {
  const all = fields.includes('*all') || fields.includes('*navigable');
  const picked = Object.fromEntries(Object.entries(issue.fields).filter(([name]) => all || fields.includes(name)));
  const histories = issue.changelog.histories;
  return {
    expand: issue.expand ?? 'operations,versionedRepresentations,editmeta,changelog,renderedFields',
    id: issue.id,
    self: `${origin}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: picked,
    ...(changelog ? { changelog: { startAt: 0, maxResults: Math.min(cap, histories.length), total: histories.length, histories: histories.slice(0, cap) } } : {}),
  };
}

function namesOf(fields: string[], names: Record<string, string>): Record<string, string> {
  const standard: Record<string, string> = { summary: 'Summary', status: 'Status', priority: 'Priority', created: 'Created', updated: 'Updated' };
  return Object.fromEntries(fields.map((field) => [field, names[field] ?? standard[field] ?? field]));
}

const updatedMs = (issue: JiraIssue) => Date.parse(String(issue.fields.updated).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));

/**
 * Opaque to the client, as Jira's are; bound to the query it was issued for. Inside, an offset into
 * the query's result evaluated afresh on each request. Atlassian doesn't document whether a real
 * token keeps its place when issues are updated between requests; this is the legitimate reading
 * under which it doesn't (an issue updated mid-run moves to the end and every later issue moves
 * one place back), so the connector tests can show a sync that survives it.
 */
function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ offset, jql })).toString('base64url');
}

function decodeToken(token: string, jql: string): number | null {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown; jql?: unknown };
    return value.jql === jql && typeof value.offset === 'number' ? value.offset : null;
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}
