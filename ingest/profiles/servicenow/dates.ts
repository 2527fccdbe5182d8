/**
 * ServiceNow date-times turned into text the shared typing step reads. This is the one place the
 * ServiceNow profile knows date formats; when the shared date detector (ingest/dates/) lands,
 * this gives way to it.
 *
 * - `2020-07-10 12:53:06` (raw Table API values, and list exports in the default format) passes
 *   through: the typing step reads it as a naive time in --tz. Raw Table API values are UTC, which
 *   is the default --tz; list exports and display values are in the exporting user's zone.
 * - Display formats a user can choose (`03-04-2026 09:15:02`, `03/04/2026`, `03.04.2026`, and the
 *   UCI log's `29/2/2016 01:16`) are numeric day/month dates whose order the file must settle:
 *   a first number above 12 means day first, a second number above 12 means month first. A file
 *   where neither happens stops the import asking for --date-format — never a silent guess.
 * - --date-format (a strptime pattern) replaces detection for every date column.
 * A value no pattern reads passes through unchanged, so the typing step flags it invalid.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../../queries/errors.ts';
import { quoteString } from '../../sql.ts';

export type DayOrder = 'day_first' | 'month_first';

/** How the file's date columns are read: detected order, a user format, or nothing to convert. */
export type DatePlan = { kind: 'iso' } | { kind: 'numeric'; order: DayOrder } | { kind: 'format'; format: string };

const NUMERIC = `'^\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}'`;

/** Scans every date column once (one aggregate query) and decides the plan. */
export async function planDates(connection: DuckDBConnection, table: string, values: readonly string[], file: string, dateFormat: string | null): Promise<DatePlan> {
  if (dateFormat) return { kind: 'format', format: dateFormat };
  if (values.length === 0) return { kind: 'iso' };
  const reader = await connection.runAndReadAll(`
    SELECT count(*) FILTER (WHERE regexp_matches(v, ${NUMERIC}))::INTEGER AS numeric,
           count(*) FILTER (WHERE TRY_CAST(regexp_extract(v, '^(\\d{1,2})[-/.]', 1) AS INTEGER) > 12)::INTEGER AS day_first,
           count(*) FILTER (WHERE TRY_CAST(regexp_extract(v, '^\\d{1,2}[-/.](\\d{1,2})[-/.]', 1) AS INTEGER) > 12)::INTEGER AS month_first,
           min(v) FILTER (WHERE regexp_matches(v, ${NUMERIC})) AS example
    FROM (SELECT unnest([${values.join(', ')}]) AS v FROM ${table})`);
  const row = reader.getRowObjectsJson()[0] ?? {};
  return decideOrder(Number(row.numeric ?? 0), Number(row.day_first ?? 0), Number(row.month_first ?? 0), String(row.example ?? ''), file);
}

/** Pure: the counts over all date values → the plan, or an InputError that says what to pass. */
export function decideOrder(numeric: number, dayFirst: number, monthFirst: number, example: string, file: string): DatePlan {
  if (numeric === 0) return { kind: 'iso' };
  if (dayFirst > 0 && monthFirst === 0) return { kind: 'numeric', order: 'day_first' };
  if (monthFirst > 0 && dayFirst === 0) return { kind: 'numeric', order: 'month_first' };
  const why = dayFirst > 0 ? 'mixes day-first and month-first dates' : `has dates like "${example}" that could be day-first or month-first`;
  throw new InputError(`${file}: the file ${why}; pass --date-format, e.g. --date-format "%d-%m-%Y %H:%M:%S" or "%m-%d-%Y %H:%M:%S".`);
}

/**
 * SQL: one date value (cleaned text) → naive ISO text, or the value unchanged. The value is
 * bound once (a one-element list_transform is DuckDB's `let`): written out at each mention,
 * nested cleaning expressions made planning several dates in one statement take seconds.
 */
export function dateSql(value: string, plan: DatePlan): string {
  if (plan.kind === 'iso') return value;
  const v = '__sn_date';
  const bind = (body: string) => `list_transform([${value}], lambda ${v}: ${body})[1]`;
  if (plan.kind === 'format') return bind(`coalesce(strftime(try_strptime(${v}, ${quoteString(plan.format)}), '%Y-%m-%d %H:%M:%S'), ${v})`);
  const [a, b] = plan.order === 'day_first' ? ['%d', '%m'] : ['%m', '%d'];
  const formats = ['%H:%M:%S', '%H:%M', '%I:%M:%S %p', '%I:%M %p'].map((time) => `${a}-${b}-%Y ${time}`).concat(`${a}-${b}-%Y`);
  const parsed = `try_strptime(regexp_replace(${v}, '[/.]', '-', 'g'), [${formats.map(quoteString).join(', ')}])`;
  return bind(`CASE WHEN regexp_matches(${v}, ${NUMERIC}) THEN coalesce(strftime(${parsed}, '%Y-%m-%d %H:%M:%S'), ${v}) ELSE ${v} END`);
}
