/**
 * PostgreSQL 15 computing the overview in SQL: the fixture loaded with COPY (server-side, from
 * the CSV file), durations from timestamptz differences, percentile_cont (linear
 * interpolation, like DuckDB's quantile_cont). Session time zone UTC, so months are UTC months.
 * One table per fixture size; the server (postgres-server.ts) lives for the whole metrics family.
 */
import { chmodSync, copyFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Row } from '../overview.ts';
import type { Engine } from './engine.ts';
import type { PgServer } from './postgres-server.ts';

/**
 * Server settings: a fair, tuned-for-analytics configuration on a shared machine. work_mem lets
 * percentile sorts stay in memory; shared_buffers holds a 1M-row table. fsync and
 * synchronous_commit only speed up the load (not timed): the queries only read.
 */
export const PG_SETTINGS = {
  shared_buffers: '1GB',
  work_mem: '256MB',
  maintenance_work_mem: '256MB',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_wal_size: '4GB',
  jit: 'off',
};

const TABLE = `CREATE TABLE incidents (
  external_id text, title text, service text, team text, severity text, priority text, status text,
  opened_at timestamptz, detected_at timestamptz, acknowledged_at timestamptz, mitigated_at timestamptz,
  resolved_at timestamptz, closed_at timestamptz, reopen_count integer, escalation_count integer,
  reassignment_count integer, assignee text, root_cause text, is_drill boolean,
  customer_impact_minutes double precision, postmortem_url text, postmortem_done_at timestamptz, url text)`;

// date_part (not extract) because it returns double precision; extract returns numeric since PG 14.
const duration = (end: string) => `date_part('epoch', ${end} - opened_at)`;
const aggregates = (metric: string, end: string) => {
  const d = duration(end);
  const where = `FILTER (WHERE ${end} >= opened_at)`; // false when either is NULL
  return [
    `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${d}) ${where} AS ${metric}_median`,
    `percentile_cont(0.9) WITHIN GROUP (ORDER BY ${d}) ${where} AS ${metric}_p90`,
    `percentile_cont(0.95) WITHIN GROUP (ORDER BY ${d}) ${where} AS ${metric}_p95`,
    `avg(${d}) ${where} AS ${metric}_mean`,
    `exp(avg(ln(CASE WHEN ${d} > 0 THEN ${d} END)) ${where}) AS ${metric}_geomean`,
    `(count(*) ${where})::integer AS ${metric}_n`,
  ].join(',\n  ');
};
const TILES = `SELECT ${aggregates('mtta', 'acknowledged_at')},\n  ${aggregates('mttr', 'resolved_at')},\n  count(*)::integer AS count
FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill`;
const TREND = `SELECT to_char(date_trunc('month', opened_at), 'YYYY-MM-DD') AS period, severity,\n  ${aggregates('mttr', 'resolved_at')}
FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill
GROUP BY 1, 2 ORDER BY 1, 2`;

export async function postgresEngine(server: PgServer, csv: string): Promise<Engine> {
  const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
  await client.connect();
  try {
    await client.query("SET TimeZone = 'UTC'");
    await client.query('DROP TABLE IF EXISTS incidents');
    await client.query(TABLE);
    const start = performance.now();
    const source = readableCopy(server, csv);
    try {
      await client.query(`COPY incidents FROM '${source.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`);
    } finally {
      if (source !== csv) rmSync(source, { force: true });
    }
    await client.query('VACUUM ANALYZE incidents'); // what a DBA does after a bulk load; sets hint bits too
    const loadMs = performance.now() - start;
    const version = String((await client.query('SHOW server_version')).rows[0]?.server_version ?? 'unknown');
    return {
      label: 'PostgreSQL 15',
      version,
      loadMs,
      async overview() {
        const tiles = await client.query(TILES);
        const trend = await client.query(TREND);
        return { tiles: (tiles.rows[0] as Row | undefined) ?? {}, trend: trend.rows as Row[] };
      },
      close: () => client.end(),
    };
  } catch (error) {
    await client.end();
    throw error;
  }
}

/**
 * COPY FROM a file is read by the server's OS user, which may not reach bench/tmp (a private
 * home directory, say): then the CSV is copied to a world-readable temp file first.
 */
function readableCopy(server: PgServer, csv: string): string {
  if (server.runAs('test', ['-r', csv]).status === 0) return csv;
  const copy = join(tmpdir(), `hindsight-bench-${process.pid}-${basename(csv)}`);
  copyFileSync(csv, copy);
  chmodSync(copy, 0o644);
  return copy;
}
