/** Test helpers: a real DuckDB (in a temp file or in memory) and tiny inline incident rows. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase, type Database } from '../../queries/db.ts';

export interface TestIncident {
  external_id: string;
  severity?: string | null;
  service?: string | null;
  team?: string | null;
  opened_at: string;
  acknowledged_at?: string | null;
  resolved_at?: string | null;
  is_drill?: boolean;
  source?: string;
}

export async function insertIncidents(connection: DuckDBConnection, rows: TestIncident[]): Promise<void> {
  for (const row of rows) {
    await connection.run(
      // Counts recorded as 0 (NULL would mean "the source doesn't record them").
      `INSERT INTO incidents (source, external_id, title, severity, service, team, opened_at, acknowledged_at, resolved_at, is_drill,
         reopen_count, escalation_count, reassignment_count, raw, imported_at, updated_at)
       VALUES ($1, $2, $2, $3, $4, $5, CAST($6 AS TIMESTAMPTZ), CAST($7 AS TIMESTAMPTZ), CAST($8 AS TIMESTAMPTZ), $9, 0, 0, 0, '{}', now(), now())`,
      [
        row.source ?? 'test', row.external_id, row.severity ?? null, row.service ?? null, row.team ?? null,
        row.opened_at, row.acknowledged_at ?? null, row.resolved_at ?? null, row.is_drill ?? false,
      ],
    );
  }
}

export async function memoryDb(rows: TestIncident[] = []): Promise<Database> {
  const db = await openDatabase(':memory:');
  await insertIncidents(db.connection, rows);
  return db;
}

/** A fresh directory for a test's database files; remove() deletes it. */
export function tempDir(prefix = 'hindsight-test-'): { dir: string; path(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fingerprint of every stored incident row, to prove a failed import changed nothing. */
export async function incidentsFingerprint(connection: DuckDBConnection): Promise<string> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n, coalesce(md5(string_agg(CAST(to_json(i) AS VARCHAR), '|' ORDER BY source, external_id)), '') AS h FROM incidents i`,
  );
  const row = reader.getRowObjectsJson()[0];
  return `${row?.n}:${row?.h}`;
}
