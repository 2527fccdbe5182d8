/**
 * The HTTP figure's load tests, with autocannon in a worker thread (so the load generator does
 * not share the in-process server's event loop), 50 connections on loopback:
 * - sustained: every client sends the Overview's requests back to back for 5 s. Requests
 *   still unanswered when the window closes are abandoned and not counted, so when the server
 *   cannot answer anything within 5 s there is no latency to report (null), only 0 req/s.
 * - burst: every client loads the Overview once (its two requests in turn) and waits however
 *   long it takes: the latency 50 simultaneous users see, always measurable.
 */
import autocannon from 'autocannon';
import { median } from '../measure.ts';

export const CONNECTIONS = 50;
export const LOAD_SECONDS = 5;

export interface LoadResult {
  /** ms; null when no request completed. */
  p50: number | null;
  p99: number | null;
  /** Answered requests per second (any status). */
  rps: number;
  /** Answers received, summed over the runs. */
  completed: number;
  /** Connection errors, timeouts and non-2xx answers, summed over the runs. */
  errors: number;
}

/**
 * `settle` runs after every window: requests abandoned at its end are still running in the
 * server, and the next window (or closing the server) must not start on top of them.
 */
export async function sustained(url: string, paths: string[], runs: number, settle: () => Promise<void>): Promise<LoadResult> {
  await fire(url, paths, { duration: 1 }); // warm-up
  await settle();
  const results: autocannon.Result[] = [];
  for (let run = 0; run < runs; run++) {
    console.log(`http: ${CONNECTIONS} clients for ${LOAD_SECONDS} s, run ${run + 1}/${runs}`);
    results.push(await fire(url, paths, { duration: LOAD_SECONDS }));
    await settle();
  }
  return summarise(results);
}

/** No separate warm-up: it runs right after the sustained test, on a warm server. */
export async function burst(url: string, paths: string[], runs: number): Promise<LoadResult> {
  const results: autocannon.Result[] = [];
  for (let run = 0; run < runs; run++) {
    console.log(`http: burst of ${CONNECTIONS} Overview loads, run ${run + 1}/${runs}`);
    results.push(await fire(url, paths, { amount: CONNECTIONS * paths.length, timeout: 600 }));
  }
  return summarise(results);
}

function fire(url: string, paths: string[], options: { duration?: number; amount?: number; timeout?: number }): Promise<autocannon.Result> {
  return autocannon({
    url, connections: CONNECTIONS, workers: 1, ...options,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
}

function summarise(results: autocannon.Result[]): LoadResult {
  const answered = (r: autocannon.Result) => r['2xx'] + r.non2xx;
  const measured = results.filter((r) => answered(r) > 0);
  return {
    p50: measured.length ? median(measured.map((r) => r.latency.p50)) : null,
    p99: measured.length ? median(measured.map((r) => r.latency.p99)) : null,
    rps: median(results.map((r) => answered(r) / r.duration)),
    completed: results.reduce((sum, r) => sum + answered(r), 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0),
  };
}
