/** GET /api/quality: flagged records per reason, with what each reason does to the numbers. */
import { Hono } from 'hono';
import { qualityReport } from '../../queries/quality.ts';
import type { AppDeps } from '../deps.ts';

export function qualityRoutes(deps: AppDeps) {
  return new Hono().get('/quality', async (c) => c.json(await qualityReport(deps.db.connection), 200));
}
