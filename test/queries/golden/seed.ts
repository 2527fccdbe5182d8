/**
 * Golden-test data: any column of incidents, incident_events and action_items, inline. Values
 * are bound (timestamps as ISO text, cast by DuckDB on insert); defaults fill the NOT NULL
 * columns, and the counts are recorded as 0 (pass null for "the source doesn't record it"), so
 * a case only writes what it is about. `severity_rank` follows `SEV<n>` unless given,
 * as the import's scheme would set it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase, type Database } from '../../../queries/db.ts';
import { defaultContext, type CompileContext } from '../../../queries/compile/context.ts';
import { parseMetricRequest, type RawMetricRequest } from '../../../queries/request.ts';
import { runMetrics, type MetricRow } from '../../../queries/run.ts';

type Value = string | number | boolean | null | string[] | Record<string, unknown>;
export type Row = Record<string, Value | undefined>;

export interface Seed {
  incidents?: Row[];
  events?: Row[];
  action_items?: Row[];
}

const JSON_COLUMNS = new Set(['custom', 'raw']);

async function insert(connection: DuckDBConnection, table: string, rows: Row[], defaults: (row: Row) => Row): Promise<void> {
  for (const given of rows) {
    const row = { ...defaults(given), ...given };
    const columns = Object.keys(row).filter((column) => row[column] !== undefined);
    const values = columns.map((column) => {
      const value = row[column]!;
      return Array.isArray(value) || (typeof value === 'object' && value !== null) || JSON_COLUMNS.has(column) ? JSON.stringify(value) : value;
    });
    const placeholders = columns.map((column, i) => (column === 'quality_flags' ? `from_json($${i + 1}, '["VARCHAR"]')` : `$${i + 1}`));
    await connection.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`, values as never);
  }
}

export async function seed(connection: DuckDBConnection, data: Seed): Promise<void> {
  const stamp = { imported_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', raw: {} };
  await insert(connection, 'incidents', data.incidents ?? [], (row) => {
    const rank = typeof row.severity === 'string' ? /^SEV(\d)$/.exec(row.severity)?.[1] : undefined;
    return { source: 'test', title: String(row.external_id), severity_rank: rank ? Number(rank) : null, reopen_count: 0, escalation_count: 0, reassignment_count: 0, ...stamp };
  });
  await insert(connection, 'incident_events', data.events ?? [], () => ({ source: 'test' }));
  await insert(connection, 'action_items', data.action_items ?? [], () => ({ source: 'test', ...stamp }));
}

export async function seededDb(data: Seed = {}): Promise<Database> {
  const db = await openDatabase(':memory:');
  await seed(db.connection, data);
  return db;
}

/** Runs a request as the API would, with the clock pinned; fails the test on a parse error. */
export async function rows(db: Database, raw: RawMetricRequest, context: CompileContext = defaultContext(new Date('2026-03-01T00:00:00Z'))): Promise<MetricRow[]> {
  const { request, errors } = parseMetricRequest(raw);
  if (errors.length) throw new Error(errors.join(' '));
  return (await runMetrics(db.connection, request, context)).rows;
}

/** Only the named keys of each row, in order: expectations stay readable. */
export function pick(list: MetricRow[], keys: string[]): Array<Record<string, unknown>> {
  return list.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])));
}
