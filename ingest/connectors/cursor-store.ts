/**
 * The sync cursor per source (`sync_state`) and the registry of configured sources
 * (`sources`). A cursor is written only inside the transaction that stores the data it covers
 * (import-file.ts `inTransaction`), so after a crash the stored cursor never claims more than
 * the stored data: the next run re-reads from there, and the upsert makes the re-read harmless.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from '../../queries/transaction.ts';

export async function readCursor(connection: DuckDBConnection, source: string): Promise<string | null> {
  const reader = await connection.runAndReadAll('SELECT cursor FROM sync_state WHERE source = $1', [source]);
  const value = reader.getRowObjectsJson()[0]?.cursor;
  return typeof value === 'string' ? value : null;
}

/** Call inside the transaction that stores the data the cursor covers. */
export async function writeCursor(connection: DuckDBConnection, source: string, cursor: string, at: Date): Promise<void> {
  await connection.run(
    `INSERT INTO sync_state (source, cursor, updated_at) VALUES ($1, $2, CAST($3 AS TIMESTAMPTZ))
     ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
    [source, cursor, at.toISOString()],
  );
}

/** A cursor with no data to go with it (a run that found nothing new), in its own transaction. */
export async function commitCursor(connection: DuckDBConnection, source: string, cursor: string, at: Date): Promise<void> {
  await inTransaction(connection, () => writeCursor(connection, source, cursor, at));
}

export async function registerSource(connection: DuckDBConnection, name: string, type: string): Promise<void> {
  await connection.run(
    'INSERT INTO sources (name, type) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET type = excluded.type',
    [name, type],
  );
}

/** Incidents of a source that are not resolved yet (the Statuspage connector refreshes them). */
export async function openIncidentIds(connection: DuckDBConnection, source: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT external_id FROM incidents WHERE source = $1 AND resolved_at IS NULL AND coalesce(status, '') NOT IN ('resolved', 'closed', 'canceled') ORDER BY external_id`,
    [source],
  );
  return reader.getRowObjectsJson().map((row) => String(row.external_id));
}
