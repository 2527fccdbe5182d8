/**
 * The machine and software versions a run measured, for the top of RESULTS.md: ratios are
 * comparable across machines, absolute times are not, so both are kept with their context.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { PG_BIN } from './engines/postgres-server.ts';

const require = createRequire(import.meta.url);

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  /** 1-minute load average when the run started: above the core count, times are inflated. */
  loadAtStart: number;
  node: string;
  packages: Record<string, string>;
}

export function describeMachine(): Machine {
  const packageVersion = (name: string) => {
    try {
      return String((require(`${name}/package.json`) as { version: string }).version);
    } catch (error) {
      // Some packages do not export package.json; the report says "unknown" instead of failing.
      if ((error as NodeJS.ErrnoException).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return 'unknown';
      throw error;
    }
  };
  const debian = existsSync('/etc/debian_version') ? `Debian ${readFileSync('/etc/debian_version', 'utf8').trim()}, ` : '';
  const os = `${debian}Linux ${release()}`;
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    ramGiB: totalmem() / 2 ** 30,
    os,
    loadAtStart: loadavg()[0] ?? 0,
    node: process.version,
    packages: Object.fromEntries(['@duckdb/node-api', 'better-sqlite3', 'pg', 'autocannon', 'playwright-core'].map((name) => [name, packageVersion(name)])),
  };
}

/**
 * Engine versions, known whatever families run: DuckDB and SQLite from in-memory databases,
 * PostgreSQL from its binary (the metrics figure replaces it with the server's own answer).
 */
export async function engineVersions(): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const duckdb = String((await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJson()[0]?.v);
  connection.closeSync();
  instance.closeSync();
  const sqlite = new Database(':memory:');
  const sqliteVersion = String((sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v);
  sqlite.close();
  const postgres = spawnSync(`${PG_BIN}/postgres`, ['--version'], { encoding: 'utf8' });
  return {
    DuckDB: duckdb,
    SQLite: sqliteVersion,
    PostgreSQL: postgres.status === 0 ? postgres.stdout.trim().replace(/^postgres \(PostgreSQL\) /, '') : 'not installed',
  };
}
