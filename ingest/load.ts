/**
 * Upserts normalised incident rows by (source, external_id) in one transaction.
 *
 * Guarantees: re-importing the same records changes nothing (a row is rewritten only when its
 * source record changed, and imported_at keeps the first import's time); a failure anywhere
 * rolls the whole file back, so the database is either before or after, never half of it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Columns an update rewrites: everything but the key and the first-import time. */
const UPDATED_COLUMNS = [
  'title', 'service', 'team', 'severity', 'severity_rank', 'priority', 'status', 'opened_at',
  'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at', 'reopen_count',
  'escalation_count', 'reassignment_count', 'assignee', 'root_cause', 'is_drill',
  'customer_impact_minutes', 'postmortem_url', 'postmortem_done_at', 'url', 'custom', 'raw',
  'updated_at', 'quality_flags',
] as const;

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** `table` holds rows shaped like `incidents` plus a `record` column (the source record number). */
export async function upsertIncidents(connection: DuckDBConnection, table: string): Promise<UpsertCounts> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const reader = await connection.runAndReadAll(`
      SELECT CAST(count(*) FILTER (WHERE i.external_id IS NULL) AS INTEGER) AS inserted,
             CAST(count(*) FILTER (WHERE i.external_id IS NOT NULL AND CAST(i.raw AS VARCHAR) <> CAST(n.raw AS VARCHAR)) AS INTEGER) AS updated,
             CAST(count(*) FILTER (WHERE CAST(i.raw AS VARCHAR) = CAST(n.raw AS VARCHAR)) AS INTEGER) AS unchanged
      FROM ${table} n LEFT JOIN incidents i ON i.source = n.source AND i.external_id = n.external_id`);
    const counts = reader.getRowObjectsJson()[0] as unknown as UpsertCounts;
    await connection.run(`
      INSERT INTO incidents BY NAME SELECT * EXCLUDE (record) FROM ${table}
      ON CONFLICT (source, external_id) DO UPDATE SET
        ${UPDATED_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}
      WHERE CAST(incidents.raw AS VARCHAR) <> CAST(excluded.raw AS VARCHAR)`);
    await connection.run('COMMIT');
    return counts;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}
