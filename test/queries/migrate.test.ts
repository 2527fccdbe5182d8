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
