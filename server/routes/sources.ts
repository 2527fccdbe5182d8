/** GET /api/sources: each data source (incidents, action items, time span, last run) and the latest import runs. */
import { Hono } from 'hono';
import { sourcesReport } from '../../queries/sources.ts';
import type { AppDeps } from '../deps.ts';

export function sourcesRoutes(deps: AppDeps) {
  return new Hono().get('/sources', async (c) => c.json(await sourcesReport(deps.db.connection), 200));
}
