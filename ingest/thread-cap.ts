/**
 * Runs a sync on one DuckDB thread. A sync stores small batches (1,000 records by default): each
 * statement reads a temporary table of one row group, which DuckDB does not split between
 * threads, so a second thread adds nothing but hand-offs between threads — and on a busy
 * machine every hand-off waits for a core. Measured on the shared 2-core machine (load ~5), a
 * 50,000-record sync spent 24 s in DuckDB with two threads and 11 s with one.
 *
 * Hazards:
 * - The setting is the whole instance's, like the memory cap (memory-cap.ts): while a sync runs
 *   inside `hindsight serve`, the dashboard's queries run on one thread too (slower on a large
 *   store, never wrong). It is restored when the sync ends, success or not.
 * - A count the operator set lower is never raised; two overlapping syncs may restore it early,
 *   which only makes the later one slower.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** DuckDB threads while a sync runs, unless the caller chooses otherwise. */
export const SYNC_THREADS = 1;

/** Lowers DuckDB's thread count to `threads` when it is higher; returns the function that restores it. */
export async function capThreads(connection: DuckDBConnection, threads: number | null): Promise<() => Promise<void>> {
  if (threads === null) return async () => {};
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`Not a thread count: ${threads}.`);
  const reader = await connection.runAndReadAll("SELECT CAST(current_setting('threads') AS INTEGER) AS current");
  const current = Number(reader.getRowObjectsJson()[0]?.current);
  if (!Number.isInteger(current) || current <= threads) return async () => {};
  await connection.run(`SET threads = ${threads}`);
  return async () => {
    await connection.run(`SET threads = ${current}`);
  };
}
