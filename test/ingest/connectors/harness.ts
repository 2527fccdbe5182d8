/**
 * Shared pieces of the connector tests: a real DuckDB in memory, the fake vendor on a loopback
 * port, a recording sleep (waits are asserted, never waited), a fixed clock, and the database
 * fingerprint that "exactly the database of an uninterrupted run" is checked with.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseSources, type SourceConfig } from '../../../ingest/connectors/config.ts';
import { syncSource, type SyncOptions, type SyncSummary } from '../../../ingest/connectors/sync.ts';
import type { Database } from '../../../queries/db.ts';

export const NOW = new Date('2026-11-30T12:00:00Z');

/** A `sources:` entry as hindsight.yaml would hold it, validated with the real schema. */
export function sourceFrom(raw: Record<string, unknown>): SourceConfig {
  return parseSources([raw], 'test.yaml')[0] as SourceConfig;
}

export interface Recorder {
  waits: number[];
  sleep(ms: number): Promise<void>;
}

export function recorder(): Recorder {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** One sync with the fixed clock, instant (recorded) sleeps and jitter fixed at the middle. */
export function runSync(db: Database, source: SourceConfig, env: NodeJS.ProcessEnv, sleeper: Recorder = recorder(), options: Partial<SyncOptions> = {}): Promise<SyncSummary> {
  return syncSource(db.connection, source, {
    now: () => NOW, env, ...options,
    http: { sleep: sleeper.sleep, random: () => 0.5, now: () => NOW.getTime(), ...options.http },
  });
}

export async function rows(connection: DuckDBConnection, sql: string): Promise<Array<Record<string, unknown>>> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Array<Record<string, unknown>>;
}

/** Every column of every incident and event (raw and times included), hashed. */
export async function fingerprint(connection: DuckDBConnection): Promise<string> {
  const [row] = await rows(connection, `
    SELECT (SELECT count(*)::INTEGER FROM incidents) AS n,
           (SELECT count(*)::INTEGER FROM incident_events) AS e,
           (SELECT coalesce(md5(string_agg(CAST(to_json(i) AS VARCHAR), '|' ORDER BY source, external_id)), '') FROM incidents i) AS hi,
           (SELECT coalesce(md5(string_agg(CAST(to_json(e) AS VARCHAR), '|' ORDER BY source, external_id, occurred_at, kind, ordinal)), '') FROM incident_events e) AS he`);
  return `${row?.n} incidents ${row?.hi}, ${row?.e} events ${row?.he}`;
}

/** One incident's times as UTC text, and the counts the timeline gives. */
export async function incident(connection: DuckDBConnection, id: string): Promise<Record<string, unknown>> {
  const [row] = await rows(connection, `
    SELECT external_id, status, severity, strftime(opened_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS opened,
           strftime(acknowledged_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS acknowledged, strftime(resolved_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS resolved,
           reopen_count, escalation_count, reassignment_count, assignee, quality_flags
    FROM incidents WHERE external_id = '${id.replace(/'/g, "''")}'`);
  if (!row) throw new Error(`no incident ${id}`);
  return row;
}

export async function runsOf(connection: DuckDBConnection): Promise<Array<Record<string, unknown>>> {
  return rows(connection, 'SELECT kind, source, profile, status, rows_read, inserted, updated, unchanged, error FROM import_runs ORDER BY run_id');
}

export async function cursorOf(connection: DuckDBConnection, source: string): Promise<string | null> {
  const [row] = await rows(connection, `SELECT cursor FROM sync_state WHERE source = '${source}'`);
  return (row?.cursor as string | undefined) ?? null;
}
