/**
 * Issue 4's cache goal: a repeated identical request on unchanged data answers in ≤ 20 ms. The
 * real app (createApp, the routes the dashboard calls) behind a real HTTP server on loopback,
 * with its answer cache (queries/cache.ts, keyed by request and data version): each request of
 * the overview set is sent once (computed, timed as the cold figure's note), then REPEATS more
 * times; the figure is the slowest request's median repeat. The cache's own hit counter must
 * rise by every repeat — an answer computed again is an ERROR, not a fast number.
 * The clock is pinned (deps.now) so "now" — part of every key — does not move between repeats.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openDatabase } from '../../queries/db.ts';
import { createApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { cacheOf } from '../../server/routes/context.ts';
import { count, errorFigure, ms, type Figure } from '../figure.ts';
import { ensureHindsightDb } from '../fixtures.ts';
import { median, timeMs } from '../measure.ts';
import { TILE_METRICS, TREND_METRICS, overviewWindows } from '../overview-set.ts';

const BUDGET_MS = 20;
const REPEATS = 20;
const NAME = 'Repeated identical request on unchanged data (answer cache, HTTP on loopback)';

export async function cacheFigures(sizes: number[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const incidents of sizes) {
    try {
      figures.push(await measure(incidents));
    } catch (error) {
      figures.push(errorFigure('cache', NAME, incidents, error));
    }
  }
  return figures;
}

async function measure(incidents: number): Promise<Figure> {
  const db = await openDatabase(await ensureHindsightDb(incidents));
  const windows = await overviewWindows(db);
  const deps: AppDeps = { db, webRoot: null, log: { info: () => {}, error: (message) => console.error(`server: ${message}`) }, now: () => windows.now };
  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const range = (w: typeof windows.current) => `from=${w.from}&to=${w.to}`;
    const paths = [
      `/api/metrics?metric=${TILE_METRICS.join(',')}&${range(windows.current)}`,
      `/api/metrics?metric=${TILE_METRICS.join(',')}&${range(windows.previous)}`,
      `/api/compare?metric=${TILE_METRICS.join(',')}&${range(windows.current)}`,
      `/api/metrics?metric=${TREND_METRICS.join(',')}&by=severity&grain=month`,
    ];
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      const body = await response.text();
      if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 200)}`);
    };
    const cold = await timeMs(() => Promise.all(paths.map(get)));
    const cache = cacheOf(deps);
    const hitsBefore = cache.hits;
    const medians: number[] = [];
    for (const path of paths) {
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) times.push(await timeMs(() => get(path)));
      medians.push(median(times));
    }
    const hits = cache.hits - hitsBefore;
    if (hits !== paths.length * REPEATS) throw new Error(`only ${hits} of ${paths.length * REPEATS} repeated requests were answered from the cache`);
    const slowest = Math.max(...medians);
    return {
      family: 'cache', name: NAME, incidents, hindsight: ms(slowest), baseline: null, ratio: null, goal: `≤ ${BUDGET_MS} ms`,
      status: slowest <= BUDGET_MS ? 'PASS' : 'FAIL',
      note: `the overview set's ${paths.length} requests (tiles now and before, compare, trends), ${REPEATS} repeats each; median per request ` +
        `${medians.map((m) => `${m.toFixed(1)} ms`).join(', ')}; computing all ${paths.length} at once took ${(cold / 1000).toFixed(2)} s (${count(incidents)} incidents)`,
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
  }
}
