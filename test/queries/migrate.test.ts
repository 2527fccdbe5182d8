/** Migrations: a new file reaches the latest version; reopening applies nothing twice. */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../queries/db.ts';
import { currentVersion, listMigrations } from '../../queries/migrate.ts';
import { insertIncidents, tempDir } from '../helpers/db.ts';

const dir = tempDir();
afterAll(() => dir.remove());

describe('migrations', () => {
  it('creates schema v1 in a new file and keeps rows across reopening', async () => {
    const path = dir.path('m.duckdb');
    const latest = Math.max(...listMigrations().map((m) => m.version));
    const first = await openDatabase(path);
    expect(first.schemaVersion).toBe(latest);
    expect(latest).toBeGreaterThanOrEqual(1);
    await insertIncidents(first.connection, [{ external_id: 'X', opened_at: '2026-01-01T00:00:00Z' }]);
    first.close();

    const again = await openDatabase(path);
    expect(await currentVersion(again.connection)).toBe(latest);
    const applied = await again.connection.runAndReadAll('SELECT CAST(count(*) AS INTEGER) AS n FROM schema_migrations');
    expect(applied.getRowObjectsJson()[0]?.n).toBe(listMigrations().length);
    const rows = await again.connection.runAndReadAll('SELECT external_id FROM incidents');
    expect(rows.getRowObjectsJson()).toEqual([{ external_id: 'X' }]);
    again.close();
  });
});

describe('upgrading an existing database', () => {
  it('migrates a schema v1 file to the latest version without losing rows', async () => {
    const path = dir.path('v1.duckdb');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { migrate } = await import('../../queries/migrate.ts');
    // Build a database that stopped at v1, as an older Hindsight left it.
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    expect(await migrate(connection, 1)).toBe(1);
    await insertIncidents(connection, [
      { external_id: 'OLD-1', severity: 'SEV2', opened_at: '2025-05-01T00:00:00Z', resolved_at: '2025-05-01T02:00:00Z' },
      { external_id: 'OLD-2', opened_at: '2025-05-02T00:00:00Z' },
    ]);
    connection.closeSync();
    instance.closeSync();

    const db = await openDatabase(path);
    try {
      expect(db.schemaVersion).toBe(Math.max(...listMigrations().map((m) => m.version)));
      const rows = await db.connection.runAndReadAll(
        `SELECT external_id, severity, CAST(epoch(resolved_at) - epoch(opened_at) AS INTEGER) AS ttr FROM incidents ORDER BY 1`,
      );
      expect(rows.getRowObjectsJson()).toEqual([
        { external_id: 'OLD-1', severity: 'SEV2', ttr: 7200 },
        { external_id: 'OLD-2', severity: null, ttr: null },
      ]);
      const tables = await db.connection.runAndReadAll(
        `SELECT table_name FROM information_schema.tables WHERE table_name IN ('incident_events', 'action_items', 'import_runs') ORDER BY 1`,
      );
      expect(tables.getRowObjectsJson().map((row) => row.table_name)).toEqual(['action_items', 'import_runs', 'incident_events']);
      // v6: counts may be unknown. The old rows keep their recorded 0; a new row may say NULL.
      await db.connection.run(`INSERT INTO incidents (source, external_id, opened_at, raw, imported_at, updated_at)
        VALUES ('test', 'NEW-1', TIMESTAMPTZ '2026-01-01 00:00:00+00', '{}', now(), now())`);
      const counts = await db.connection.runAndReadAll(`SELECT external_id, reopen_count, escalation_count, reassignment_count FROM incidents ORDER BY 1`);
      expect(counts.getRowObjectsJson()).toEqual([
        { external_id: 'NEW-1', reopen_count: null, escalation_count: null, reassignment_count: null },
        { external_id: 'OLD-1', reopen_count: 0, escalation_count: 0, reassignment_count: 0 },
        { external_id: 'OLD-2', reopen_count: 0, escalation_count: 0, reassignment_count: 0 },
      ]);
    } finally {
      db.close();
    }
  });
});
