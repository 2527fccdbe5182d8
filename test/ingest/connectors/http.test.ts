/**
 * The shared HTTP client and its pure helpers: how long each vendor's headers say to wait, when
 * a 403 is a rate limit, Link headers as GitHub and ServiceNow write them, retries, the longest
 * wait accepted, credentials kept to the configured origin, bounded concurrency. fetch is
 * injected (no socket at all); the vendors' own fakes exercise the same client over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { HttpClient, type HttpDeps, type HttpTuning } from '../../../ingest/connectors/http.ts';
import { mapLimit } from '../../../ingest/connectors/limit.ts';
import { parseLinkHeader } from '../../../ingest/connectors/link-header.ts';
import { backoffMs, isRateLimited, serverWaitMs } from '../../../ingest/connectors/rate-limit.ts';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const headers = (values: Record<string, string>) => new Headers(values);

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(serverWaitMs(headers({ 'retry-after': '30' }), 429, NOW)).toBe(30_000);
    expect(serverWaitMs(headers({ 'retry-after': 'Mon, 30 Nov 2026 12:01:30 GMT' }), 503, NOW)).toBe(90_000);
  });

  it('reads reset times: GitHub epoch seconds (budget spent), Jira ISO, ServiceNow epoch, PagerDuty seconds', () => {
    const epoch = String(NOW / 1000 + 120);
    expect(serverWaitMs(headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': epoch }), 403, NOW)).toBe(120_000);
    expect(serverWaitMs(headers({ 'x-ratelimit-reset': '2026-11-30T12:05Z' }), 429, NOW)).toBe(300_000);
    expect(serverWaitMs(headers({ 'x-ratelimit-reset': epoch }), 429, NOW)).toBe(120_000);
    expect(serverWaitMs(headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': '17' }), 429, NOW)).toBe(17_000);
    // GitHub sends a reset time on every answer; with budget left it is no reason to wait.
    expect(serverWaitMs(headers({ 'x-ratelimit-remaining': '4921', 'x-ratelimit-reset': epoch }), 403, NOW)).toBeNull();
  });

  it('tells GitHub\'s rate-limit 403s from permission 403s', () => {
    expect(isRateLimited(403, headers({ 'x-ratelimit-remaining': '0' }), '{}')).toBe(true);
    expect(isRateLimited(403, headers({}), '{"message":"You have exceeded a secondary rate limit and have been temporarily blocked"}')).toBe(true);
    expect(isRateLimited(403, headers({ 'x-ratelimit-remaining': '4000' }), '{"message":"Resource not accessible by integration"}')).toBe(false);
    expect(isRateLimited(429, headers({}), '')).toBe(true);
  });

  it('backs off exponentially with equal jitter, capped', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, 1000, 60_000, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(10, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('Link headers', () => {
  it('reads GitHub\'s and ServiceNow\'s (REAL samples), commas inside URLs included', () => {
    const github = '<https://api.github.com/repositories/515435940/issues?per_page=3&page=1>; rel="prev", <https://api.github.com/repositories/515435940/issues?per_page=3&page=3>; rel="next", <https://api.github.com/repositories/515435940/issues?per_page=3&page=5>; rel="last", <https://api.github.com/repositories/515435940/issues?per_page=3&page=1>; rel="first"';
    expect(parseLinkHeader(github).next).toBe('https://api.github.com/repositories/515435940/issues?per_page=3&page=3');
    const servicenow = '<https://x.service-now.com/api/now/table/cmdb_ci_server?sysparm_fields=sys_class_name,name,os&sysparm_offset=0&sysparm_limit=10000>;rel="first",<https://x.service-now.com/api/now/table/cmdb_ci_server?sysparm_fields=sys_class_name,name,os&sysparm_offset=10000&sysparm_limit=10000>;rel="next",<https://x.service-now.com/api/now/table/cmdb_ci_server?sysparm_fields=sys_class_name,name,os&sysparm_offset=20000&sysparm_limit=10000>;rel="last"';
    expect(parseLinkHeader(servicenow)).toEqual({
      first: 'https://x.service-now.com/api/now/table/cmdb_ci_server?sysparm_fields=sys_class_name,name,os&sysparm_offset=0&sysparm_limit=10000',
      next: 'https://x.service-now.com/api/now/table/cmdb_ci_server?sysparm_fields=sys_class_name,name,os&sysparm_offset=10000&sysparm_limit=10000',
      last: 'https://x.service-now.com/api/now/table/cmdb_ci_server?sysparm_fields=sys_class_name,name,os&sysparm_offset=20000&sysparm_limit=10000',
    });
    expect(parseLinkHeader(null)).toEqual({});
  });
});

/** A client whose fetch answers from a script; records waits. */
function scripted(answers: Array<Response | Error>, tuning: Partial<HttpTuning> = {}, deps: HttpDeps = {}) {
  const waits: number[] = [];
  const urls: string[] = [];
  const client = new HttpClient(
    { vendor: 'Acme', source: 'acme', origin: 'https://acme.example', headers: { Authorization: 'Bearer s3cret' }, credentialEnv: ['ACME_TOKEN'] },
    tuning,
    {
      fetch: async (url) => {
        urls.push(String(url));
        const next = answers.shift();
        if (!next) throw new Error('no more scripted answers');
        if (next instanceof Error) throw next;
        return next;
      },
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
      now: () => NOW,
      ...deps,
    },
  );
  return { client, waits, urls };
}
const json = (body: unknown, status = 200, extra: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...extra } });

describe('HttpClient', () => {
  it('retries 5xx and network failures with backoff, honouring a 503\'s Retry-After', async () => {
    const { client, waits } = scripted([json({}, 502), new TypeError('fetch failed'), json({}, 503, { 'retry-after': '7' }), json({ ok: true })]);
    expect((await client.getJson('https://acme.example/a')).body).toEqual({ ok: true });
    expect(waits).toEqual([750, 1500, 7000]);
    expect(client.requests).toBe(3);
  });

  it('gives up after the retries with one sentence', async () => {
    const { client } = scripted(Array.from({ length: 3 }, () => json({ error: { message: 'Internal' } }, 500)), { retries: 2 });
    await expect(client.getJson('https://acme.example/a')).rejects.toThrow('acme: Acme request to https://acme.example/a failed: HTTP 500 after 3 attempts: "Internal".');
  });

  it('refuses a wait longer than the sync accepts, instead of hanging', async () => {
    const { client } = scripted([json({}, 429, { 'retry-after': '7200' })]);
    await expect(client.getJson('https://acme.example/a')).rejects.toThrow(/rate limited: Acme asks to wait 2\.0 h, longer than the 15 min a sync waits; run it again later\./);
  });

  it('a 401 fails at once, naming the variable, never the token', async () => {
    const { client, urls } = scripted([json({ message: 'Bad credentials' }, 401)]);
    const failure = client.getJson('https://acme.example/a');
    await expect(failure).rejects.toThrow('acme: Acme rejected the credentials in ACME_TOKEN (HTTP 401)');
    await expect(failure).rejects.not.toThrow(/s3cret/);
    expect(urls).toHaveLength(1);
  });

  it('other 4xx fail with the vendor\'s own message, unless the caller names the status', async () => {
    const { client } = scripted([json({ errorMessages: ['Unbounded JQL queries are not allowed here.'] }, 400), json({ error: { message: 'No Record found' } }, 404)]);
    await expect(client.getJson('https://acme.example/a')).rejects.toThrow('failed: HTTP 400: "Unbounded JQL queries are not allowed here.".');
    expect(await client.getJson('https://acme.example/b', { accept: [404] })).toMatchObject({ status: 404, body: { error: { message: 'No Record found' } } });
  });

  it('never sends credentials to another origin (a Link header pointing elsewhere)', async () => {
    const { client, urls } = scripted([]);
    await expect(client.getJson('https://evil.example/steal')).rejects.toThrow('refusing to send credentials to https://evil.example');
    expect(urls).toEqual([]);
  });

  it('a body that is not JSON is a malformed page', async () => {
    const { client } = scripted([new Response('<html>maintenance</html>', { status: 200 })]);
    await expect(client.getJson('https://acme.example/a')).rejects.toThrow(/^acme: Acme returned a malformed page from https:\/\/acme\.example\/a: not JSON/);
  });

  it('after an answer that spends the budget, the next request waits for the reset', async () => {
    const { client, waits } = scripted([json([], 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 42) }), json([])]);
    await client.getJson('https://acme.example/a');
    await client.getJson('https://acme.example/b');
    expect(waits).toEqual([42_000]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const client = new HttpClient({ vendor: 'Acme', source: 'acme', origin: 'https://acme.example', headers: {}, credentialEnv: [] }, { concurrency: 3 }, {
      fetch: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return json({});
      },
    });
    await mapLimit(Array.from({ length: 12 }, (_, i) => i), 12, (i) => client.getJson(`https://acme.example/${i}`));
    expect(peak).toBe(3);
  });
});
