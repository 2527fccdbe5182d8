/**
 * Serves the built dashboard. Any GET outside /api that is not a file gets index.html, so a
 * copied dashboard URL opens the app. When the web app has not been built, the page says how to
 * build it instead of answering a bare 404.
 *
 * Compression: the build writes a brotli and a gzip copy beside each text file (web/compress.ts),
 * sent to browsers that accept them (Content-Encoding), so no request pays for compressing.
 * Every such answer says `Vary: Accept-Encoding`, the uncompressed one too, so a cache between
 * browser and server never hands a compressed body to a client that did not ask for it.
 * Caching: files under /assets/ carry a hash of their content in their name, so they never change
 * and are kept for a year; index.html names the current ones, so it is checked on every visit
 * (Hazard: a cached old index.html would ask for chunks a new build no longer has).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
/** Types the build writes compressed copies of (web/compress.ts). */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json)|image\/svg\+xml)/;

/**
 * serveStatic with the dashboard's headers on the files it sends. Hazard: the headers are set on
 * the answer serveStatic returns, not in its onFound (called once that answer is built, too late
 * to change it); a request that is not a file goes on to the next handler untouched, so a
 * missing /assets/ file answered with index.html is never marked immutable.
 */
function files(options: { root: string } | { path: string }, cacheControl: string): MiddlewareHandler {
  const serve = serveStatic({ ...options, precompressed: true });
  return async (c, next) => {
    let passedOn = false;
    const answer = await serve(c, async () => {
      passedOn = true;
      await next();
    });
    if (passedOn || !answer) return;
    answer.headers.set('Cache-Control', cacheControl);
    const vary = answer.headers.get('Vary') ?? '';
    if (COMPRESSIBLE.test(answer.headers.get('Content-Type') ?? '') && !/accept-encoding/i.test(vary)) answer.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    return answer;
  };
}

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
  app.use('/assets/*', files({ root: webRoot }, IMMUTABLE));
  app.use('*', files({ root: webRoot }, REVALIDATE));
  app.get('*', files({ path: index }, REVALIDATE));
  return app;
}
