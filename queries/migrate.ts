/**
 * Versioned migrations, applied in order on open, each in its own transaction together with the
 * row that records it in `schema_migrations` — a crash mid-way leaves the previous version, never
 * half of one. Migration N lives in schema/NNN_name.sql; add files, never edit applied ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from './transaction.ts';

const SCHEMA_DIR = fileURLToPath(new URL('./schema/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = SCHEMA_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(dir + file, 'utf8'),
    }));
}

/** Applies pending migrations up to `target` (default: all). Returns the resulting version. */
export async function migrate(connection: DuckDBConnection, target = Infinity): Promise<number> {
  await connection.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );
  const current = await currentVersion(connection);
  let version = current;
  for (const migration of listMigrations()) {
    if (migration.version <= current || migration.version > target) continue;
    try {
      await inTransaction(connection, async () => {
        await connection.run(migration.sql);
        await connection.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      });
    } catch (error) {
      throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${String(error)}`, { cause: error });
    }
    version = migration.version;
  }
  return version;
}

export async function currentVersion(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll('SELECT CAST(coalesce(max(version), 0) AS INTEGER) AS v FROM schema_migrations');
  return Number(reader.getRowObjectsJson()[0]?.v ?? 0);
}
