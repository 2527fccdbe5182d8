/** The import_runs log: one row per import, successful or not, with what it did. */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface RunRecord {
  /** What ran: a file import or an API sync. Default 'import'. */
  kind?: 'import' | 'sync';
  source: string;
  profile: string;
  status: 'ok' | 'failed';
  startedAt: Date;
  files: string[];
  records?: number;
  inserted?: number;
  updated?: number;
  unchanged?: number;
  flagged?: number;
  duplicates?: number;
  error?: string;
  /** Default 'incidents'. */
  target?: 'incidents' | 'action_items';
}

export async function recordRun(connection: DuckDBConnection, run: RunRecord): Promise<number> {
  const reader = await connection.runAndReadAll(
    `INSERT INTO import_runs (kind, source, profile, target, files, started_at, finished_at, status, rows_read, inserted, updated, unchanged, flagged, duplicates, error)
     VALUES ($14, $1, $2, $3, $4::VARCHAR[], CAST($5 AS TIMESTAMPTZ), now(), $6, $7, $8, $9, $10, $11, $12, $13)
     RETURNING run_id`,
    [
      run.source, run.profile, run.target ?? 'incidents', JSON.stringify(run.files), run.startedAt.toISOString(), run.status,
      run.records ?? 0, run.inserted ?? 0, run.updated ?? 0, run.unchanged ?? 0, run.flagged ?? 0, run.duplicates ?? 0, run.error ?? null, run.kind ?? 'import',
    ],
  );
  return Number(reader.getRowObjectsJson()[0]?.run_id);
}
