/**
 * DuckDB settings a sync runs under, restored when it ends (success or not). A sync stores many
 * small batches (1,000 records by default), each its own transaction; two instance defaults
 * made that slow:
 *
 * - threads (SYNC_THREADS = 1): each statement reads a temporary table of one row group, which
 *   DuckDB does not split between threads, so a second thread adds nothing but hand-offs — and
 *   on a busy machine every hand-off waits for a core. Measured on the shared 2-core machine
 *   (load ~5): a 50,000-record sync spent 24 s in DuckDB with two threads, 11 s with one.
 * - checkpoint_threshold (SYNC_CHECKPOINT_THRESHOLD = 128 MiB, DuckDB's default 16 MiB): once
 *   the WAL passes it, the next COMMIT checkpoints — every ~11,000 records (~1.5 KB of WAL
 *   each) — and each checkpoint cost more as the incidents table grew (0.2 s at 11,000 rows,
 *   0.6 s at 44,000; measured, DuckDB 1.5.6), so a large sync's checkpoints added up faster
 *   than its size (together 2 s of a 50,000-record sync's 12 s in Hindsight). At 128 MiB (~90,000 records) a 50,000-record sync checkpoints once, when the database
 *   closes. Every COMMIT still writes and syncs the WAL, so a crash loses no committed batch;
 *   the WAL just replays longer (up to the threshold) when the database next opens.
 *
 * Hazards:
 * - Both are the whole instance's settings, like the memory cap (memory-cap.ts): while a sync
 *   runs inside `hindsight serve`, the dashboard's queries run on one thread too (slower on a
 *   large store, never wrong).
 * - A thread count the operator set lower is never raised, nor a threshold set higher lowered;
 *   two overlapping syncs may restore them early, which only makes the later one slower.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseBytes } from './memory-cap.ts';

/** DuckDB threads while a sync runs, unless the caller chooses otherwise. */
export const SYNC_THREADS = 1;
/** DuckDB's checkpoint threshold while a sync runs, unless the caller chooses otherwise. */
export const SYNC_CHECKPOINT_THRESHOLD = '128MiB';

export interface SyncSettings {
  /** Threads, never raised; null leaves them. */
  threads: number | null;
  /** WAL size that triggers a checkpoint (e.g. '128MiB'), never lowered; null leaves it. */
  checkpointThreshold: string | null;
}

/** Applies `settings`; returns the function that restores what was changed. */
export async function applySyncSettings(connection: DuckDBConnection, settings: SyncSettings): Promise<() => Promise<void>> {
  const { threads, checkpointThreshold } = settings;
  if (threads !== null && (!Number.isInteger(threads) || threads < 1)) throw new Error(`Not a thread count: ${threads}.`);
  const wanted = checkpointThreshold === null ? null : parseBytes(checkpointThreshold);
  if (checkpointThreshold !== null && wanted === null) throw new Error(`Not a size: "${checkpointThreshold}" (e.g. 128MiB).`);
  const reader = await connection.runAndReadAll(
    "SELECT CAST(current_setting('threads') AS INTEGER) AS threads, current_setting('checkpoint_threshold') AS threshold",
  );
  const current = reader.getRowObjectsJson()[0] ?? {};
  const restores: string[] = [];
  const nowThreads = Number(current.threads);
  if (threads !== null && Number.isInteger(nowThreads) && nowThreads > threads) {
    await connection.run(`SET threads = ${threads}`);
    restores.push(`SET threads = ${nowThreads}`);
  }
  const nowThreshold = parseBytes(String(current.threshold ?? ''));
  if (wanted !== null && nowThreshold !== null && nowThreshold < wanted) {
    await connection.run(`SET checkpoint_threshold = '${wanted}B'`);
    restores.push(`SET checkpoint_threshold = '${nowThreshold}B'`);
  }
  return async () => {
    for (const statement of restores) await connection.run(statement);
  };
}
