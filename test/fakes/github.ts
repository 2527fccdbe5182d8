/**
 * A fake GitHub REST API for issues (api-contracts.md §4):
 * - auth optional (public repository); a wrong `Bearer` / `token` → 401 "Bad credentials";
 * - GET /repos/{owner}/{repo}/issues and /repositories/{id}/issues: state (default open),
 *   labels (comma list, all required), since (updated at or after), sort created|updated|comments
 *   (default created), direction (default desc), per_page (default 30, at most 100), page;
 *   pull requests are listed too (they carry `pull_request`);
 * - Link header as GitHub writes it (`<…>; rel="next", <…>; rel="last"`, plus prev / first),
 *   its URLs rewritten to /repositories/{id}/issues as GitHub does;
 * - GET /repos/{owner}/{repo}/issues/{number}/timeline, same paging;
 * - x-ratelimit-limit / -remaining / -used / -reset / -resource on every answer;
 * - rate-limit faults in GitHub's three shapes: `primary` (403, remaining 0, wait for
 *   x-ratelimit-reset), `secondary` (403 with retry-after and the message), `429`.
 */
import { Hono } from 'hono';
import { answerFault, Faults, type Fault, type FakeContext, type FakeEnv } from './faults.ts';

export interface GhIssue extends Record<string, unknown> {
  number: number;
  updated_at: string;
  created_at: string;
}

export interface GitHubFakeOptions {
  repo: string;
  repositoryId: number;
  token: string;
  now?: () => number;
}

export function createGitHubFake(issues: GhIssue[], timelines: Map<number, unknown[]>, options: GitHubFakeOptions) {
  const faults = new Faults();
  const requests: string[] = [];
  const now = options.now ?? Date.now;
  const reset = () => Math.floor(now() / 1000) + 3600;
  let used = 0;
  const app = new Hono<FakeEnv>();
  const vendor = {
    rateLimited: (c: FakeContext, fault: Extract<Fault, { kind: 'rate_limit' }>) => {
      const docs = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';
      if (fault.variant === 'primary') {
        c.header('x-ratelimit-remaining', '0');
        c.header('x-ratelimit-reset', String(Math.floor(now() / 1000) + fault.seconds));
        return c.json({ message: 'API rate limit exceeded for user ID 31898046.', documentation_url: docs }, 403);
      }
      c.header('retry-after', String(fault.seconds));
      const message = 'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.';
      return c.json({ message, documentation_url: docs }, fault.variant === '429' ? 429 : 403);
    },
    unauthorized: (c: FakeContext) => c.json({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }, 401),
  };

  app.use('*', async (c, next) => {
    requests.push(c.req.url);
    const auth = c.req.header('authorization');
    used += 1;
    c.header('x-ratelimit-limit', auth ? '5000' : '60');
    c.header('x-ratelimit-remaining', String(Math.max(0, (auth ? 5000 : 60) - used)));
    c.header('x-ratelimit-used', String(used));
    c.header('x-ratelimit-reset', String(reset()));
    c.header('x-ratelimit-resource', 'core');
    if (auth !== undefined && auth !== `Bearer ${options.token}` && auth !== `token ${options.token}`) return vendor.unauthorized(c);
    await next();
  });

  const list = (c: FakeContext) => {
    const fault = answerFault(c, faults.next(), vendor);
    if (fault) return fault;
    const state = c.req.query('state') ?? 'open';
    const wanted = (c.req.query('labels') ?? '').split(',').map((label) => label.trim().toLowerCase()).filter((label) => label !== '');
    const since = c.req.query('since') ? Date.parse(c.req.query('since')!) : Number.NEGATIVE_INFINITY;
    const key = c.req.query('sort') ?? 'created';
    const sign = (c.req.query('direction') ?? 'desc') === 'asc' ? 1 : -1;
    const value = (issue: GhIssue) => (key === 'comments' ? Number(issue.comments ?? 0) : Date.parse(key === 'updated' ? issue.updated_at : issue.created_at));
    const matching = issues
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => wanted.every((label) => namesOf(issue).includes(label)))
      .filter((issue) => Date.parse(issue.updated_at) >= since)
      .sort((a, b) => sign * (value(a) - value(b)) || sign * (a.number - b.number));
    return paged(c, matching, `/repositories/${options.repositoryId}/issues`);
  };
  app.get(`/repos/${options.repo}/issues`, list);
  app.get(`/repositories/${options.repositoryId}/issues`, list);

  app.get(`/repos/${options.repo}/issues/:number/timeline`, (c) => {
    const events = timelines.get(Number(c.req.param('number')));
    if (!events) return c.json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, 404);
    return paged(c, events, new URL(c.req.url).pathname);
  });

  return { app, issues, timelines, faults, requests };
}

/** per_page / page paging with GitHub's Link header (URLs on `path`, the request's other params kept). */
function paged(c: FakeContext, items: unknown[], path: string): Response {
  const perPage = Math.min(Number(c.req.query('per_page') ?? 30), 100);
  const page = Math.max(1, Number(c.req.query('page') ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const at = (n: number) => {
    const url = new URL(c.req.url);
    url.pathname = path;
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  if (links.length > 0) c.header('Link', links.join(', '));
  return c.json(items.slice((page - 1) * perPage, page * perPage));
}

function namesOf(issue: GhIssue): string[] {
  return (Array.isArray(issue.labels) ? issue.labels : []).map((label) => String((label as { name?: unknown }).name ?? label).toLowerCase());
}
