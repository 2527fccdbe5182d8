/**
 * A fake public Statuspage (API v2, api-contracts.md §5): no auth;
 * GET /api/v2/incidents.json → `{page, incidents}` with the 50 most recent incidents (by
 * created_at, newest first) and all their updates, no paging; GET /api/v2/incidents/{id}.json →
 * `{page, incident}`, 404 when the page has no such incident. Rate limits come from the CDN in
 * front: 429 with Retry-After.
 */
import { Hono } from 'hono';
import { answerFault, Faults, type FakeContext, type FakeEnv } from './faults.ts';

export type SpIncident = Record<string, unknown> & { id: string; created_at: string };

export function createStatuspageFake(incidents: SpIncident[], page: Record<string, unknown>) {
  const faults = new Faults();
  const requests: string[] = [];
  const app = new Hono<FakeEnv>();
  const vendor = {
    rateLimited: (c: FakeContext, fault: { seconds: number }) => {
      c.header('Retry-After', String(fault.seconds));
      return c.json({ error: 'Too many requests' }, 429);
    },
    unauthorized: (c: FakeContext) => c.json({ error: 'Unauthorized' }, 401),
  };
  app.use('*', async (c, next) => {
    requests.push(c.req.url);
    await next();
  });
  app.get('/api/v2/incidents.json', (c) => {
    const fault = answerFault(c, faults.next(), vendor);
    if (fault) return fault;
    const recent = [...incidents].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)).slice(0, 50);
    return c.json({ page, incidents: recent });
  });
  app.get('/api/v2/incidents/:file', (c) => {
    const id = c.req.param('file').replace(/\.json$/, '');
    const incident = incidents.find((candidate) => candidate.id === id);
    return incident ? c.json({ page, incident }) : c.json({ error: 'Not found' }, 404);
  });
  return { app, incidents, faults, requests };
}
