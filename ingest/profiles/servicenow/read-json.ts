/**
 * Reads ServiceNow Table API JSON — `{"result": [...]}` (or one record under `result`), the
 * JSONv2 export's `{"records": [...]}`, a bare record or array, or NDJSON of any of these — and
 * stages it as one all-text column per field, the same shape as a CSV export, so one SQL
 * normaliser serves both.
 *
 * Values: strings as they are; references `{link, value}` → value (a sys_id),
 * `{link, display_value}` → the display value; `sysparm_display_value=all` pairs
 * `{display_value, value}` → the display value for references (a name), the raw value otherwise
 * (codes and UTC date-times, which read the same way whatever the user's settings).
 */
import { VARCHAR, LIST, type DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../../queries/errors.ts';
import { readJsonFile, readNdjsonFile } from '../../read-json.ts';
import { quoteIdent } from '../../sql.ts';
import { isNaiveIso } from '../../dates/index.ts';
import { formatOf } from '../generic/options.ts';
import { NULL_MARKERS } from './options.ts';

const MARKERS: ReadonlySet<string> = new Set(NULL_MARKERS);

export interface StagedJson {
  columns: string[];
  records: number;
  /**
   * How many values `column` holds when every one is naive ISO text or absent (missing, or
   * exactly a null marker, which the profile's cleaning turns into NULL); null when any other
   * value occurs. Raw Table API date-times are naive ISO, so a sync batch's date columns are
   * planned without a detection statement (dates.ts).
   */
  naiveIso(column: string): number | null;
  /**
   * Whether the column's values, trimmed, are all different (missing ones aside). JavaScript's
   * trim removes every character SQL's does and more, so values different here stay different
   * after the profile's cleaning: a sync batch's incidents (one record each) are known not to be
   * an event log without a query (shape.ts).
   */
  distinct(column: string): boolean;
}

export async function stageServiceNowJson(connection: DuckDBConnection, file: string, table: string): Promise<StagedJson> {
  const parsed = formatOf(file) === 'ndjson' ? readNdjsonFile(file) : readJsonFile(file);
  const records = recordsOf(parsed);
  if (!records.some(isObject)) {
    throw new InputError(`${file}: no ServiceNow records found; expected a Table API response ({"result": [...]}), a record, or an array of them.`);
  }
  const rows = records.map((record) => (isObject(record) ? flatten(record) : {}));
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${table} (__record INTEGER, __raw JSON, __flags VARCHAR[]${columns.map((c) => `, ${quoteIdent(c)} VARCHAR`).join('')})`,
  );
  const appender = await connection.createAppender(table, 'main', 'temp');
  try {
    rows.forEach((row, index) => {
      appender.appendInteger(index + 1);
      appender.appendVarchar(JSON.stringify(records[index] ?? null));
      appender.appendList(isObject(records[index]) ? [] : ['not_an_object'], LIST(VARCHAR));
      for (const column of columns) {
        const value = row[column];
        if (value === null || value === undefined) appender.appendNull();
        else appender.appendVarchar(value);
      }
      appender.endRow();
    });
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return { columns, records: records.length, naiveIso: (column) => naiveIsoCount(rows, column), distinct: (column) => allDistinct(rows, column) };
}

function allDistinct(rows: ReadonlyArray<Record<string, string | null>>, column: string): boolean {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    const key = value.trim();
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function naiveIsoCount(rows: ReadonlyArray<Record<string, string | null>>, column: string): number | null {
  let values = 0;
  for (const row of rows) {
    const value = row[column];
    if (value === null || value === undefined || MARKERS.has(value)) continue;
    if (!isNaiveIso(value)) return null;
    values += 1;
  }
  return values;
}

/** The records in any of the accepted envelopes, in file order. */
export function recordsOf(parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) return parsed.flatMap((value) => (isEnvelope(value) ? recordsOf(value) : [value]));
  if (isObject(parsed)) {
    if (Array.isArray(parsed.result)) return parsed.result;
    if (isObject(parsed.result)) return [parsed.result];
    if (Array.isArray(parsed.records)) return parsed.records;
    return [parsed];
  }
  return [parsed];
}

/** One record → field → text; a `__url` to the record when a reference link names the instance. */
export function flatten(record: Record<string, unknown>): Record<string, string | null> {
  const row: Record<string, string | null> = {};
  let instance: string | null = null;
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('__')) continue;
    if (isObject(value) && typeof value.link === 'string') instance ??= /^(https?:\/\/[^/]+)\//.exec(value.link)?.[1] ?? null;
    row[key] = textOf(value);
  }
  const sysId = row.sys_id;
  row.__url = instance && sysId && /^[0-9a-f]{32}$/.test(sysId) ? `${instance}/nav_to.do?uri=incident.do%3Fsys_id%3D${sysId}` : null;
  return row;
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value)) {
    const display = typeof value.display_value === 'string' ? value.display_value : null;
    const raw = typeof value.value === 'string' ? value.value : null;
    if ('link' in value) return display ?? raw;
    if (display !== null || raw !== null) return raw ?? display;
  }
  return JSON.stringify(value);
}

function isEnvelope(value: unknown): boolean {
  return isObject(value) && ('result' in value || Array.isArray(value.records));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
