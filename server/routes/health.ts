/** GET /api/health: is the server up, and how many incidents does its database hold. */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { countIncidents } from '../../queries/incidents.ts';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/health', async (c) => {
    const incidents = await countIncidents(deps.db.connection);
    return c.json({ ok: true as const, incidents, db: deps.db.path });
  });
}
