/**
 * GET /api/metrics/catalog — every metric and dimension declaration, the grains, cohorts and
 * clocks: what tooltips, the docs page and client-side validation read. Static per build.
 */
import { Hono } from 'hono';
import { describeCatalog } from '../../queries/catalog-info.ts';

export function catalogRoutes() {
  const catalog = describeCatalog();
  return new Hono().get('/metrics/catalog', (c) => c.json(catalog, 200));
}
