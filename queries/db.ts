/**
 * Opens the one DuckDB file Hindsight stores everything in and brings its schema up to date.
 *
 * Hazards handled here:
 * - DuckDB lets one process hold a database file for writing. A second opener gets a raw lock
 *   error; we turn it into one sentence that says who probably holds it.
 * - Strings without a UTC offset are read in the session time zone, so every connection pins
 *   `TimeZone = 'UTC'`; local-time bucketing is always explicit (`timezone(tz, ts)`).
 * - Only DuckDB's built-in extensions exist offline; `autoinstall_known_extensions = false`
 *   keeps a query from hanging on a download attempt.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { migrate } from './migrate.ts';

export const DEFAULT_DB_PATH = './data/hindsight.duckdb';

export interface Database {
  /** Absolute path of the file, or ':memory:'. */
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** Schema version after migrations were applied. */
  readonly schemaVersion: number;
  /**
   * Another connection to the same database, set up like the first. A writer that holds a
   * transaction open (a scheduled sync) needs its own: statements of every caller on one
   * connection share its transaction, so readers would see half-written data. Closed by close().
   */
  connect(): Promise<DuckDBConnection>;
  /** Closes a connection from connect() before the database closes (a finished export's). */
  release(connection: DuckDBConnection): void;
  close(): void;
}

/** `--db` flag first, then `$HINDSIGHT_DB`, then ./data/hindsight.duckdb (relative to cwd). */
export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.HINDSIGHT_DB ?? DEFAULT_DB_PATH;
  return chosen === ':memory:' ? chosen : resolve(chosen);
}

export async function openDatabase(path: string): Promise<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await openInstance(path);
  const connection = await configured(instance);
  const schemaVersion = await migrate(connection);
  const extra = new Set<DuckDBConnection>();
  return {
    path,
    connection,
    schemaVersion,
    async connect() {
      const another = await configured(instance);
      extra.add(another);
      return another;
    },
    release(another) {
      if (!extra.delete(another)) return;
      another.closeSync();
    },
    close() {
      // Every handle must go: DuckDB's instance cache keeps only weak references, so the file
      // (and its lock) is released once the last connection and instance handle in this
      // process are closed — a forgotten instance handle keeps other processes locked out.
      for (const another of extra) another.closeSync();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A connection pinned to UTC that never tries to download an extension. */
async function configured(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run('SET autoinstall_known_extensions = false');
  return connection;
}

async function openInstance(path: string): Promise<DuckDBInstance> {
  try {
    // fromCache shares one instance per file inside this process, so the server's routes and
    // an in-process import see the same database instead of fighting over the file lock.
    return path === ':memory:'
      ? await DuckDBInstance.create(':memory:')
      : await DuckDBInstance.fromCache(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message)) {
      throw new Error(
        `The database ${path} is held by another process (is \`hindsight serve\` running?); stop it or use --db to choose another file.`,
        { cause: error },
      );
    }
    throw new Error(`Could not open the database ${path}: ${message}`, { cause: error });
  }
}
