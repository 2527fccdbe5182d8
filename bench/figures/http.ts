/**
 * Figure 3, HTTP: the real server (startServer from server/serve.ts, in this process) on a
 * database holding the smallest fixture (100,000 incidents by default), answering the
 * Overview's two GET /api/metrics requests.
 * - cold: the two requests (in parallel, as the page sends them) right after the server
 *   starts on a freshly opened DuckDB instance; the server is restarted for every sample.
 * - warm: the same pair again on a server that has answered it before — served from the
 *   server's answer cache (queries/cache.ts) while the data is unchanged, so this is the
 *   "cached" latency of issue 9.
 * - load: 50 concurrent clients on loopback for ~5 s, and a burst of 50 simultaneous Overview
 *   loads (http-load.ts): p50, p99, requests/s, errors.
 * Issue 9 sets no budgets here yet: every figure is INFO, "no budget yet" (errors under load
 * included: counted and shown). A failed request outside the load test is an ERROR.
 */
import { startServer, type RunningServer } from '../../server/serve.ts';
import type { Logger } from '../../server/deps.ts';
import { errorFigure, ms, type Figure } from '../figure.ts';
import { ensureHindsightDb } from '../fixtures.ts';
import { median, medianMs, timeMs } from '../measure.ts';
import { OVERVIEW_QUERIES } from '../overview.ts';
import { burst, CONNECTIONS, LOAD_SECONDS, sustained } from './http-load.ts';

const PATHS = [OVERVIEW_QUERIES.tiles, OVERVIEW_QUERIES.trend].map((query) => `/api/metrics?${query}`);
const NO_BUDGET = 'no budget yet';

/** Server log: errors are printed (a 500 under load should be visible), routine lines are not. */
const log: Logger = { info: () => {}, error: (message) => console.error(`server: ${message}`) };

export async function httpFigures(incidents: number, runs: number): Promise<Figure[]> {
  const name = 'HTTP /api/metrics (Overview requests)';
  try {
    const dbPath = await ensureHindsightDb(incidents);
    // Nothing remembered across restarts: a cold sample must not find the previous one's questions warmed.
    const start = () => startServer({ dbPath, port: 0, demo: false, log, webRoot: null, rememberQuestions: false });
    const cold: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const server = await start();
      try {
        const t = await timeMs(() => overviewPair(server));
        if (run > 0) cold.push(t); // run 0 warms Node's JIT and the OS page cache, not DuckDB
      } finally {
        await server.close();
      }
    }
    const server = await start();
    try {
      const warm = await medianMs(Math.max(runs, 10), () => overviewPair(server));
      const load = await sustained(server.url, PATHS, runs, () => drain(server, warm));
      const rush = await burst(server.url, PATHS, runs);
      await drain(server, warm);
      const info = (label: string, value: Figure['hindsight'], note?: string): Figure => ({
        family: 'http', name: `${name}: ${label}`, incidents, hindsight: value, baseline: null, ratio: null,
        goal: NO_BUDGET, status: 'INFO', ...(note ? { note } : {}),
      });
      const latency = (value: number | null) => (value === null ? null : ms(value));
      const window = `${CONNECTIONS} connections, ${LOAD_SECONDS} s per run, requests back to back; median of ${runs} runs; ` +
        `${load.completed} answers in all${load.completed === 0 ? ` — none within ${LOAD_SECONDS} s, so no latency to report` : ''}`;
      const rushNote = `each of ${CONNECTIONS} clients loads the Overview once (its 2 requests in turn), all at once; median of ${runs} runs`;
      return [
        info('cold, both requests in parallel after a restart', ms(median(cold)), 'server restarted for every sample: new DuckDB instance, empty answer cache'),
        info('warm (cached), both requests in parallel again', ms(warm), `median of ${Math.max(runs, 10)} repeats`),
        info(`${CONNECTIONS} clients for ${LOAD_SECONDS} s: p50 latency`, latency(load.p50), window),
        info(`${CONNECTIONS} clients for ${LOAD_SECONDS} s: p99 latency`, latency(load.p99), window),
        info(`${CONNECTIONS} clients for ${LOAD_SECONDS} s: throughput`, { value: load.rps, unit: 'req/s' }, window),
        info(`${CONNECTIONS} clients for ${LOAD_SECONDS} s: errors (connection errors, timeouts, non-2xx)`, { value: load.errors, unit: 'count' }, `summed over ${runs} runs`),
        info(`${CONNECTIONS} simultaneous Overview loads: p50 latency`, latency(rush.p50), rushNote),
        info(`${CONNECTIONS} simultaneous Overview loads: p99 latency`, latency(rush.p99), `${rushNote}; ${rush.errors} errors`),
      ];
    } finally {
      await server.close();
    }
  } catch (error) {
    return [errorFigure('http', name, incidents, error)];
  }
}

/** What the Overview page does on load: both requests at once, read to the end. */
async function overviewPair(server: RunningServer): Promise<void> {
  await Promise.all(PATHS.map(async (path) => {
    const response = await fetch(`${server.url}${path}`);
    const body = await response.text();
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 200)}`);
  }));
}

/**
 * Waits until the requests autocannon abandoned at the end of its run have finished. Hazard:
 * the server closes its DuckDB connection as soon as the last socket closes, and closing it
 * while queries are still running aborts the whole process natively (seen here as "malloc():
 * unsorted double linked list corrupted"). A backlog shows as slow answers, so we wait until
 * a pair of requests is about as fast as when the server was idle.
 */
async function drain(server: RunningServer, idleMs: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await timeMs(() => overviewPair(server))) > Math.max(3 * idleMs, idleMs + 250)) {
    if (Date.now() > deadline) throw new Error('the server still had a backlog 2 minutes after the load test');
  }
}
