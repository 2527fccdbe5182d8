/**
 * A fake ServiceNow Table API (api-contracts.md §2) for the incident table:
 * - auth: `Basic base64(user:password)` or `Bearer <token>`, else 401 with ServiceNow's envelope;
 * - GET /api/now/table/incident (v1: an empty result is 404 "No Record found") and
 *   /api/now/v2/table/incident (200 `{"result": []}`);
 * - sysparm_query (servicenow-query.ts), sysparm_limit (default 10000), sysparm_offset,
 *   sysparm_fields, sysparm_no_count; values are strings, references `{link, value}`;
 * - X-Total-Count, and a Link header written as the real one is (`<…>;rel="first",<…>;rel="next"`,
 *   no spaces), omitted when everything fits on one page;
 * - 429 with Retry-After, X-RateLimit-Limit, X-RateLimit-Reset (epoch seconds), X-RateLimit-Rule;
 * - GET /api/now/table/sys_audit: the audit table (`audit`) with the same query, paging, fields
 *   and headers (`documentkeyIN…`, `fieldnameIN…`); every value a string. Fault switches count
 *   incident list requests only.
 * Records live in `records` and `audit`, which tests edit.
 */
import { Hono } from 'hono';
import { answerFault, Faults, type FakeContext, type FakeEnv } from './faults.ts';
import { parseEncodedQuery, type SnRecord } from './servicenow-query.ts';

export interface ServiceNowFakeOptions {
  user: string;
  password: string;
  invalidReturnsNoRows?: boolean;
  now?: () => number;
  /**
   * The incident table's fields, for telling valid query parts from invalid ones. Default: the
   * union of the records' keys, recomputed per request (tests edit records between requests);
   * the sync benchmark passes them once, since recomputing over 50,000 records per page would
   * make the fake, not Hindsight, what is measured.
   */
  fields?: ReadonlySet<string>;
}

export function createServiceNowFake(records: SnRecord[], options: ServiceNowFakeOptions, audit: SnRecord[] = []) {
  const faults = new Faults();
  const requests: string[] = [];
  // sys_ids of incidents the sync user may not read. ServiceNow applies sysparm_limit before the
  // ACLs, so such records still take their places on a page (and in X-Total-Count, the Link
  // header's offsets) but are left out of its result: a page can come back short, or empty, with
  // more to follow.
  const hidden = new Set<string>();
  const now = options.now ?? Date.now;
  const app = new Hono<FakeEnv>();
  const failure = (c: FakeContext, status: 401 | 404 | 429, message: string, detail: string) =>
    c.json({ error: { message, detail }, status: 'failure' }, status);
  const vendor = {
    rateLimited: (c: FakeContext, fault: { seconds: number }) => {
      c.header('Retry-After', String(fault.seconds));
      c.header('X-RateLimit-Limit', '1000');
      c.header('X-RateLimit-Reset', String(Math.floor(now() / 1000) + fault.seconds));
      c.header('X-RateLimit-Rule', 'b6a9e6e0db3e0010bd2f2b8c0b9619a1');
      return failure(c, 429, 'Rate limit exceeded', 'Too many requests for this user; try again later.');
    },
    unauthorized: (c: FakeContext) => failure(c, 401, 'User Not Authenticated', 'Required to provide Auth information'),
  };

  app.use('*', async (c, next) => {
    requests.push(c.req.url);
    const auth = c.req.header('authorization');
    const basic = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
    if (auth !== basic && auth !== `Bearer ${options.password}`) return vendor.unauthorized(c);
    await next();
  });

  const list = (v2: boolean, table: SnRecord[] = records) => (c: FakeContext) => {
    if (table === records) {
      const fault = answerFault(c, faults.next(), vendor);
      if (fault) return fault;
    }
    const fields = table === records && options.fields ? options.fields : new Set(table.flatMap((record) => Object.keys(record)));
    const query = parseEncodedQuery(c.req.query('sysparm_query') ?? '', fields);
    const rejected = query.invalid.length > 0 && (options.invalidReturnsNoRows ?? true);
    const matching = rejected ? [] : table.filter(query.matches).sort(query.compare);
    const limit = Number(c.req.query('sysparm_limit') ?? 10_000);
    const offset = Number(c.req.query('sysparm_offset') ?? 0);
    const page = matching.slice(offset, offset + limit);
    const picked = c.req.query('sysparm_fields')?.split(',');
    if (c.req.query('sysparm_no_count') !== 'true') c.header('X-Total-Count', String(matching.length));
    const link = linkHeader(c.req.url, offset, limit, matching.length);
    if (link) c.header('Link', link);
    if (page.length === 0 && !v2) return failure(c, 404, 'No Record found', 'Records not found');
    const visible = table === records ? page.filter((record) => !hidden.has(String(record.sys_id))) : page;
    return c.json({ result: visible.map((record) => (picked ? Object.fromEntries(picked.filter((f) => f in record).map((f) => [f, record[f]])) : record)) });
  };
  app.get('/api/now/table/incident', list(false));
  app.get('/api/now/v1/table/incident', list(false));
  app.get('/api/now/v2/table/incident', list(true));
  app.get('/api/now/table/sys_audit', list(false, audit));

  return { app, records, audit, faults, requests, hidden };
}

/** first, prev, next, last — as ServiceNow writes them; none when one page holds everything. */
function linkHeader(requestUrl: string, offset: number, limit: number, total: number): string | null {
  if (total <= limit && offset === 0) return null;
  const at = (value: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('sysparm_offset', String(value));
    url.searchParams.set('sysparm_limit', String(limit));
    return `<${url.toString()}>`;
  };
  const last = Math.max(0, Math.floor((total - 1) / limit) * limit);
  const links = [`${at(0)};rel="first"`];
  if (offset > 0) links.push(`${at(Math.max(0, offset - limit))};rel="prev"`);
  if (offset + limit < total) links.push(`${at(offset + limit)};rel="next"`);
  links.push(`${at(last)};rel="last"`);
  return links.join(',');
}
