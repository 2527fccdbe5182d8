/**
 * Child process: one full `hindsight sync` of the fake ServiceNow (sync-fake.ts) into a fresh
 * DuckDB file, timed from opening the database to closing it, with the process's peak RSS.
 *
 *   node --import tsx bench/figures/sync-once.ts URL DB
 *
 * It runs `syncSource` — exactly what `hindsight sync` and the scheduled syncs run — with the
 * source's defaults (page_size 100, batch_size 1000). fetch is wrapped to add up the time spent
 * waiting for the fake: from sending a request until its body has arrived. Pages are read one
 * after another and the reader is paused while a batch is stored, so wall time = waiting for the
 * fake + time inside Hindsight (paging, staging, typing, upserting, committing).
 */
import { performance } from 'node:perf_hooks';
import { parseSources } from '../../ingest/connectors/config.ts';
import { syncSource } from '../../ingest/connectors/sync.ts';
import { openDatabase } from '../../queries/db.ts';
import { BENCH_ENV, benchSource } from './sync-shared.ts';

const [url, dbPath] = process.argv.slice(2);
if (!url || !dbPath) throw new Error('usage: sync-once.ts URL DB');

const baseRssMiB = process.memoryUsage().rss / 2 ** 20;
let waitMs = 0;
const timedFetch: typeof fetch = async (input, init) => {
  const started = performance.now();
  try {
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } finally {
    waitMs += performance.now() - started;
  }
};

const source = parseSources([benchSource(url)], 'bench')[0]!;
const start = performance.now();
const db = await openDatabase(dbPath);
const summary = await syncSource(db.connection, source, { env: BENCH_ENV, http: { fetch: timedFetch } });
const stored = Number((await db.connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM incidents')).getRowObjectsJson()[0]?.n);
db.close();
const ms = performance.now() - start;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({
  ms, waitMs, pages: summary.pages, requests: summary.requests, records: summary.records, batches: summary.batches, stored, peakRssMiB, baseRssMiB,
}));
