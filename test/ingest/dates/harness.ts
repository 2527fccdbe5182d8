/**
 * Runs detection and the built SQL over a real in-memory DuckDB, the way an import does: values
 * are staged as VARCHAR, detected over the whole column, then parsed by one SELECT. Results come
 * back as UTC ISO strings (millisecond precision) so expectations read like the instants they are.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { openDatabase, type Database } from '../../../queries/db.ts';
import { detectColumnFormat, dstFlagSql, nullIfMarker, nullMarkersValue, timestampSql, type DateColumnPlan } from '../../../ingest/dates/index.ts';
import { quoteIdent } from '../../../ingest/sql.ts';

export const TABLE = 'hs_dates_stage';
export const COLUMN = 'Created';

export async function memoryDb(): Promise<Database> {
  return openDatabase(':memory:');
}

export async function stage(db: Database, values: (string | null)[], column = COLUMN): Promise<void> {
  await db.connection.run(`CREATE OR REPLACE TEMP TABLE ${TABLE} (__record INTEGER, ${quoteIdent(column)} VARCHAR)`);
  for (const [index, value] of values.entries()) {
    await db.connection.run(`INSERT INTO ${TABLE} VALUES ($1, $2)`, [index + 1, value]);
  }
}

export interface ParseOptions {
  tz?: string;
  dateFormat?: string;
  nullMarkers?: string[];
  column?: string;
}

export interface Parsed {
  plan: DateColumnPlan;
  /** One per staged value, in order: UTC ISO string or null. */
  utc: (string | null)[];
  /** dstFlagSql's verdict per value. */
  dst: (string | null)[];
  sql: string;
}

/** Stages `values`, detects the column and parses it; $1 = zone, $2 = null markers, $3 = format. */
export async function parse(db: Database, values: (string | null)[], options: ParseOptions = {}): Promise<Parsed> {
  const column = options.column ?? COLUMN;
  await stage(db, values, column);
  const plan = await detectColumnFormat(db.connection, TABLE, column, options.nullMarkers ? { nullMarkers: options.nullMarkers } : {});
  return run(db, plan, options);
}

/** Parses the staged column with a given plan. */
export async function run(db: Database, plan: DateColumnPlan, options: ParseOptions = {}): Promise<Parsed> {
  const value = nullIfMarker(quoteIdent(options.column ?? COLUMN), '$2');
  const sqlOptions = options.dateFormat ? { dateFormat: { param: '$3', format: options.dateFormat } } : {};
  const ts = timestampSql(value, plan, '$1', sqlOptions);
  const sql = `SELECT CAST(epoch_ms(${ts}) AS DOUBLE) AS ms, ${dstFlagSql(value, plan, '$1', sqlOptions)} AS dst FROM ${TABLE} ORDER BY __record`;
  const params: DuckDBValue[] = [options.tz ?? 'UTC', nullMarkersValue(options.nullMarkers)];
  if (options.dateFormat) params.push(options.dateFormat);
  const rows = (await db.connection.runAndReadAll(sql, params)).getRowObjectsJson();
  return {
    plan,
    sql,
    utc: rows.map((row) => (row.ms === null ? null : new Date(Number(row.ms)).toISOString())),
    dst: rows.map((row) => (row.dst === null ? null : String(row.dst))),
  };
}

/** Expected instants, written briefly ('2026-03-04T09:15Z') and normalised like `parse` output. */
export function utc(...instants: (string | null)[]): (string | null)[] {
  return instants.map((instant) => (instant === null ? null : new Date(instant).toISOString()));
}
