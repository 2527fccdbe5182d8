/**
 * A fake PagerDuty REST API v2 (api-contracts.md §3):
 * - auth: `Authorization: Token token=<key>`, else 401;
 * - GET /incidents: since / until on created_at (default the last 30 days; more than 6 months
 *   → 400), limit (default 25, at most 100), offset, total (null unless total=true), sort_by
 *   created_at:asc|desc, service_ids[], team_ids[], statuses[]; `more`;
 *   offset + limit beyond `offsetCap` (10,000) → the REAL 400 body (error 2002);
 * - GET /incidents/{id} → {incident}, 404 when unknown;
 * - GET /incidents/{id}/log_entries and GET /log_entries (since / until on the entry's created_at,
 *   team_ids[]): newest first, same paging and cap;
 * - 429 with ratelimit-limit / ratelimit-remaining / ratelimit-reset (seconds to wait).
 * Incidents live in `incidents`, each with its log, which tests edit.
 */
import { Hono } from 'hono';
import { answerFault, Faults, type FakeContext, type FakeEnv } from './faults.ts';

export interface PdIncident {
  incident: Record<string, unknown> & { id: string; created_at: string };
  /** Log entries, any order (served newest first). */
  log: Array<Record<string, unknown>>;
}

export interface PagerDutyFakeOptions {
  token: string;
  offsetCap?: number;
  now?: () => number;
}

export const OFFSET_CAP_ERROR = {
  error: {
    message: 'Arguments Caused Error', code: 2002,
    errors: ['Offset+limit exceeds maximum allowed value of 10000. Please try to refine your search to reduce the returned set of records below this number, like adding a date range.'],
  },
};

const DAY = 86_400_000;

export function createPagerDutyFake(incidents: PdIncident[], options: PagerDutyFakeOptions) {
  const faults = new Faults();
  const requests: string[] = [];
  const now = options.now ?? Date.now;
  const cap = options.offsetCap ?? 10_000;
  const app = new Hono<FakeEnv>();
  const vendor = {
    rateLimited: (c: FakeContext, fault: { seconds: number }) => {
      c.header('ratelimit-limit', '960');
      c.header('ratelimit-remaining', '0');
      c.header('ratelimit-reset', String(fault.seconds));
      return c.json({ error: { code: 2020, message: 'Rate Limit Exceeded' } }, 429);
    },
    unauthorized: (c: FakeContext) => c.json({ error: { message: 'Unauthorized', code: 2006 } }, 401),
  };

  app.use('*', async (c, next) => {
    requests.push(c.req.url);
    if (c.req.header('authorization') !== `Token token=${options.token}`) return vendor.unauthorized(c);
    await next();
  });

  /** Paging and the cap, shared by every list. */
  const page = (c: FakeContext, key: string, items: unknown[]) => {
    const limit = Math.min(Number(c.req.query('limit') ?? 25), 100);
    const offset = Number(c.req.query('offset') ?? 0);
    if (offset + limit > cap) return c.json(OFFSET_CAP_ERROR, 400);
    const slice = items.slice(offset, offset + limit);
    return c.json({ [key]: slice, limit, offset, more: offset + slice.length < items.length, total: c.req.query('total') === 'true' ? items.length : null });
  };
  const range = (c: FakeContext): [number, number] | Response => {
    const until = c.req.query('until') ? Date.parse(c.req.query('until')!) : now();
    const since = c.req.query('since') ? Date.parse(c.req.query('since')!) : until - 30 * DAY;
    if (Number.isNaN(since) || Number.isNaN(until)) return c.json({ error: { message: 'Invalid Input Provided', code: 2001, errors: ['since and until must be ISO 8601 dates.'] } }, 400);
    if (until - since > 183 * DAY) return c.json({ error: { message: 'Invalid Input Provided', code: 2001, errors: ['The date range cannot exceed 6 months.'] } }, 400);
    return [since, until];
  };
  const newestFirst = (entries: Array<Record<string, unknown>>) => [...entries].sort((a, b) => Date.parse(String(b.created_at)) - Date.parse(String(a.created_at)));

  app.get('/incidents', (c) => {
    const fault = answerFault(c, faults.next(), vendor);
    if (fault) return fault;
    const bounds = range(c);
    if (bounds instanceof Response) return bounds;
    const [since, until] = bounds;
    const services = c.req.queries('service_ids[]') ?? [];
    const teams = c.req.queries('team_ids[]') ?? [];
    const statuses = c.req.queries('statuses[]') ?? [];
    const sign = c.req.query('sort_by') === 'created_at:desc' ? -1 : 1;
    const items = incidents
      .map(({ incident }) => incident)
      .filter((incident) => {
        const created = Date.parse(incident.created_at);
        return created >= since && created < until
          && (services.length === 0 || services.includes(String((incident.service as { id?: unknown } | undefined)?.id)))
          && (teams.length === 0 || ((incident.teams as Array<{ id?: unknown }> | undefined) ?? []).some((team) => teams.includes(String(team.id))))
          && (statuses.length === 0 || statuses.includes(String(incident.status)));
      })
      .sort((a, b) => sign * (Date.parse(a.created_at) - Date.parse(b.created_at)) || a.id.localeCompare(b.id));
    return page(c, 'incidents', items);
  });

  app.get('/incidents/:id', (c) => {
    const found = incidents.find(({ incident }) => incident.id === c.req.param('id'));
    return found ? c.json({ incident: found.incident }) : c.json({ error: { message: 'Not Found', code: 2100 } }, 404);
  });

  app.get('/incidents/:id/log_entries', (c) => {
    const found = incidents.find(({ incident }) => incident.id === c.req.param('id'));
    if (!found) return c.json({ error: { message: 'Not Found', code: 2100 } }, 404);
    return page(c, 'log_entries', newestFirst(found.log.map((entry) => withReference(entry, found.incident))));
  });

  app.get('/log_entries', (c) => {
    const fault = answerFault(c, faults.next(), vendor);
    if (fault) return fault;
    const bounds = range(c);
    if (bounds instanceof Response) return bounds;
    const [since, until] = bounds;
    const teams = c.req.queries('team_ids[]') ?? [];
    const entries = incidents.flatMap(({ incident, log }) =>
      (teams.length === 0 || ((incident.teams as Array<{ id?: unknown }> | undefined) ?? []).some((team) => teams.includes(String(team.id))))
        ? log.map((entry) => withReference(entry, incident)).filter((entry) => {
          const at = Date.parse(String(entry.created_at));
          return at >= since && at < until;
        })
        : []);
    return page(c, 'log_entries', newestFirst(entries));
  });

  return { app, incidents, faults, requests };
}

function withReference(entry: Record<string, unknown>, incident: Record<string, unknown>): Record<string, unknown> {
  return { ...entry, incident: { id: incident.id, type: 'incident_reference', summary: incident.summary ?? incident.title, self: `https://api.pagerduty.com/incidents/${String(incident.id)}` } };
}
