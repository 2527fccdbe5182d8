/**
 * Where the data came from: each source with its incident count and time span, and the latest
 * import or sync runs with what they did (rows read, inserted, updated, flagged, errors).
 * A failed run is listed like any other, with its error sentence.
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

/** Every source seen in the data or the run log, and the `runLimit` latest runs (default 50). */
export async function sourcesReport(connection: DuckDBConnection, runLimit = 50): Promise<SourcesReport> {
  const sources = (await connection.runAndReadAll(`
    WITH inc AS (SELECT source, CAST(count(*) AS INTEGER) AS n, min(opened_at) AS lo, max(opened_at) AS hi FROM incidents GROUP BY source),
         act AS (SELECT source, CAST(count(*) AS INTEGER) AS n FROM action_items GROUP BY source),
         runs AS (SELECT source, arg_max(status, run_id) AS status, max(started_at) AS at FROM import_runs GROUP BY source),
         names AS (SELECT source FROM inc UNION SELECT source FROM act UNION SELECT source FROM runs UNION SELECT name FROM sources)
    SELECT names.source, coalesce(inc.n, 0) AS incidents, coalesce(act.n, 0) AS action_items,
           ${iso('inc.lo', 'first_opened_at')}, ${iso('inc.hi', 'last_opened_at')}, ${iso('runs.at', 'last_run_at')}, runs.status AS last_run_status
    FROM names LEFT JOIN inc USING (source) LEFT JOIN act USING (source) LEFT JOIN runs USING (source)
    ORDER BY names.source`)).getRowObjectsJson() as unknown as SourceSummary[];
  const runs = (await connection.runAndReadAll(
    `SELECT run_id, kind, source, profile, target, files, ${iso('started_at', 'started_at')}, ${iso('finished_at', 'finished_at')},
            status, rows_read, inserted, updated, unchanged, flagged, duplicates, error
     FROM import_runs ORDER BY import_runs.started_at DESC, run_id DESC LIMIT $1`,
    [runLimit],
  )).getRowObjectsJson() as unknown as ImportRun[];
  return { sources, runs };
}
