/**
 * Serves the built dashboard. Any GET outside /api that is not a file gets index.html, so a
 * copied dashboard URL opens the app. When the web app has not been built, the page says how to
 * build it instead of answering a bare 404.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export function staticRoutes(webRoot: string | null) {
  const app = new Hono();
  const index = webRoot ? join(webRoot, 'index.html') : null;
  if (!webRoot || !index || !existsSync(index)) {
    return app.get('*', (c) =>
      c.text(
        `The dashboard has not been built${webRoot ? ` (no ${index})` : ''}; run \`npm run build\` or \`npm start\`. The API is under /api.`,
        503,
      ),
    );
  }
  app.use('/assets/*', serveStatic({ root: webRoot }));
  app.use('*', serveStatic({ root: webRoot }));
  app.get('*', serveStatic({ path: index }));
  return app;
}
