/**
 * The Hono app: the JSON API under /api and the built dashboard everywhere else. Sub-apps are
 * mounted with route() so their types flow into AppType, which the web app's typed client
 * (hc<AppType>) imports — the client cannot call a route or read a field the server lacks.
 */
import { Hono } from 'hono';
import { isInputError } from '../queries/errors.ts';
import type { AppDeps } from './deps.ts';
import { healthRoutes } from './routes/health.ts';
import { incidentsRoutes } from './routes/incidents.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { qualityRoutes } from './routes/quality.ts';
import { sourcesRoutes } from './routes/sources.ts';
import { targetsRoutes } from './routes/targets.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { survivalRoutes } from './routes/survival.ts';
import { compareRoutes } from './routes/compare.ts';
import { exportRoutes } from './routes/export.ts';
import { annotationsRoutes } from './routes/annotations.ts';
import { reportRoutes } from './routes/report.ts';
import { deliveriesRoutes } from './routes/deliveries.ts';
import { staticRoutes } from './static.ts';

export function createApp(deps: AppDeps) {
  const api = new Hono()
    .route('/', healthRoutes(deps))
    .route('/', metricsRoutes(deps))
    .route('/', qualityRoutes(deps))
    .route('/', incidentsRoutes(deps))
    .route('/', sourcesRoutes(deps))
    .route('/', targetsRoutes(deps))
    .route('/', catalogRoutes())
    .route('/', survivalRoutes(deps))
    .route('/', compareRoutes(deps))
    .route('/', exportRoutes(deps))
    .route('/', annotationsRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', deliveriesRoutes(deps));
  const app = new Hono().route('/api', api);
  app.all('/api/*', (c) => c.json({ error: `No API route ${c.req.method} ${c.req.path}.` }, 404));
  app.onError((error, c) => {
    if (isInputError(error)) return c.json({ error: error.message }, 400);
    deps.log.error(`${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`);
    return c.json({ error: 'Internal error; the server log has the details.' }, 500);
  });
  app.route('/', staticRoutes(deps.webRoot));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
