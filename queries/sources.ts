/**
 * Where the data came from: each source with its incident count and time span, how current it
 * is (last success, last error, lag), and the latest import or sync runs with what they did
 * (rows read, inserted, updated, flagged, errors). A failed run is listed like any other, with
 * its error sentence.
 *
 * Lag, as docs/api.md defines it: `lag_seconds` = now − the start of the newest successful run
 * of the source. The stored copy is complete up to that instant; anything the vendor changed
 * after it may be missing. (A sync reads changes up to when it reads each page, so the start is
 * the safe bound.) `synced_through` is the newest vendor update time the sync cursor covers —
 * the source's newest known update that is stored; with lag it tells a quiet source (old
 * synced_through, small lag) from a stuck sync (large lag).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface SourceSummary {
  source: string;
  incidents: number;
  action_items: number;
  first_opened_at: string | null;
  last_opened_at: string | null;
  last_run_at: string | null;
  last_run_status: string | null;
  /** Start of the newest successful run (import or sync). */
  last_success_at: string | null;
  /** Start and reason of the newest failed run (it may be older than the last success). */
  last_error_at: string | null;
  last_error: string | null;
  /** Newest vendor update time covered by the sync cursor (null: never synced, or a cursor that is not a time). */
  synced_through: string | null;
  /** Seconds from last_success_at to now (null: never succeeded). */
  lag_seconds: number | null;
}

export interface ImportRun {
  run_id: number;
  kind: string;
  source: string;
  profile: string | null;
  target: string;
  files: string[];
  started_at: string;
  finished_at: string | null;
  status: string;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  flagged: number;
  duplicates: number;
  error: string | null;
}

export interface SourcesReport {
  sources: SourceSummary[];
  runs: ImportRun[];
}

const iso = (expr: string, as: string) => `strftime((${expr}) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ${as}`;

export interface SourcesOptions {
  /** "Now" for the lag. Default: the system clock. */
  now?: Date;
  /** How many of the latest runs to list. Default 50. */
  runLimit?: number;
  /** Sources configured in hindsight.yaml, listed even before their first run. Default none. */
  configured?: readonly string[];
}

/** Every source seen in the data, the run log, the sources table or the config, and the latest runs. */
export async function sourcesReport(connection: DuckDBConnection, options: SourcesOptions = {}): Promise<SourcesReport> {
  const now = options.now ?? new Date();
  const rows = (await connection.runAndReadAll(`
    WITH inc AS (SELECT source, CAST(count(*) AS INTEGER) AS n, min(opened_at) AS lo, max(opened_at) AS hi FROM incidents GROUP BY source),
         act AS (SELECT source, CAST(count(*) AS INTEGER) AS n FROM action_items GROUP BY source),
         runs AS (SELECT source, arg_max(status, run_id) AS status, max(started_at) AS at,
                         max(started_at) FILTER (WHERE status = 'ok') AS ok_at,
                         max(started_at) FILTER (WHERE status = 'failed') AS failed_at,
                         arg_max(error, run_id) FILTER (WHERE status = 'failed') AS failed_error
                  FROM import_runs GROUP BY source),
         names AS (SELECT source FROM inc UNION SELECT source FROM act UNION SELECT source FROM runs UNION SELECT name FROM sources
                   UNION SELECT unnest($1::VARCHAR[]))
    SELECT names.source, coalesce(inc.n, 0) AS incidents, coalesce(act.n, 0) AS action_items,
           ${iso('inc.lo', 'first_opened_at')}, ${iso('inc.hi', 'last_opened_at')}, ${iso('runs.at', 'last_run_at')}, runs.status AS last_run_status,
           ${iso('runs.ok_at', 'last_success_at')}, ${iso('runs.failed_at', 'last_error_at')}, runs.failed_error AS last_error,
           CAST(floor(epoch(CAST($2 AS TIMESTAMPTZ)) - epoch(runs.ok_at)) AS DOUBLE) AS lag_seconds,
           sync_state.cursor AS __cursor
    FROM names LEFT JOIN inc USING (source) LEFT JOIN act USING (source) LEFT JOIN runs USING (source)
               LEFT JOIN sync_state ON sync_state.source = names.source
    ORDER BY names.source`, [JSON.stringify(options.configured ?? []), now.toISOString()])).getRowObjectsJson();
  const sources = rows.map(({ __cursor, ...row }) => ({ ...row, synced_through: cursorInstant(__cursor) }) as unknown as SourceSummary);
  const runs = (await connection.runAndReadAll(
    `SELECT run_id, kind, source, profile, target, files, ${iso('started_at', 'started_at')}, ${iso('finished_at', 'finished_at')},
            status, rows_read, inserted, updated, unchanged, flagged, duplicates, error
     FROM import_runs ORDER BY import_runs.started_at DESC, run_id DESC LIMIT $1`,
    [options.runLimit ?? 50],
  )).getRowObjectsJson() as unknown as ImportRun[];
  return { sources, runs };
}

/**
 * The instant a sync cursor stands for: most connectors store the newest update time as ISO
 * text; PagerDuty stores JSON, `{"mode":"incremental","since":…}` once caught up (changes are
 * read from then on). While PagerDuty's first full read is under way its cursor is a creation
 * time (`{"mode":"full","next":…}`), not an update time: null, like anything else unreadable.
 */
export function cursorInstant(cursor: unknown): string | null {
  if (typeof cursor !== 'string') return null;
  let text: unknown = cursor;
  if (cursor.startsWith('{')) {
    try {
      text = (JSON.parse(cursor) as { since?: unknown }).since;
    } catch (error) {
      // Named case: a cursor that is not JSON after all is shown as "unknown", not guessed at.
      if (error instanceof SyntaxError) return null;
      throw error;
    }
  }
  if (typeof text !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}
