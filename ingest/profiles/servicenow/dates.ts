/**
 * ServiceNow date-times turned into naive ISO text before the shared typing step. This is the
 * one place the ServiceNow profile knows date formats, written before the shared detector
 * (ingest/dates/, date-plans.ts) existed; that detector now re-reads this ISO output, and this
 * file can give way to it (it decides day/month per column where this decides per file).
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
/** A numeric date whose first / second number is 13–99: it can only be the day. */
const DAY_ABOVE_12 = `'^(1[3-9]|[2-9]\\d)[-/.]\\d{1,2}[-/.]\\d{4}'`;
const MONTH_ABOVE_12 = `'^\\d{1,2}[-/.](1[3-9]|[2-9]\\d)[-/.]\\d{4}'`;

/**
 * Scans the date values once (one aggregate query, RE2 patterns only: no casts, which are slow
 * when they fail, and no unnest, which made DuckDB crawl over cleaned values) and decides.
 */
export async function planDates(connection: DuckDBConnection, table: string, values: readonly string[], file: string, dateFormat: string | null): Promise<DatePlan> {
  if (dateFormat) return { kind: 'format', format: dateFormat };
  if (values.length === 0) return { kind: 'iso' };
  const aggregates = values.flatMap((v, i) => [
    `count(*) FILTER (WHERE regexp_matches(${v}, ${NUMERIC}))::INTEGER AS n${i}`,
    `count(*) FILTER (WHERE regexp_matches(${v}, ${DAY_ABOVE_12}))::INTEGER AS d${i}`,
    `count(*) FILTER (WHERE regexp_matches(${v}, ${MONTH_ABOVE_12}))::INTEGER AS m${i}`,
    `min(${v}) FILTER (WHERE regexp_matches(${v}, ${NUMERIC})) AS e${i}`,
  ]);
  const reader = await connection.runAndReadAll(`SELECT ${aggregates.join(', ')} FROM ${table}`);
  const row = reader.getRowObjectsJson()[0] ?? {};
  const sum = (prefix: string) => values.reduce((total, _, i) => total + Number(row[`${prefix}${i}`] ?? 0), 0);
  const example = values.map((_, i) => row[`e${i}`]).find((e) => typeof e === 'string') ?? '';
  return decideOrder(sum('n'), sum('d'), sum('m'), String(example), file);
}

/** Pure: the counts over all date values → the plan, or an InputError that says what to pass. */
export function decideOrder(numeric: number, dayFirst: number, monthFirst: number, example: string, file: string): DatePlan {
  if (numeric === 0) return { kind: 'iso' };
  if (dayFirst > 0 && monthFirst === 0) return { kind: 'numeric', order: 'day_first' };
  if (monthFirst > 0 && dayFirst === 0) return { kind: 'numeric', order: 'month_first' };
  const why = dayFirst > 0 ? 'mixes day-first and month-first dates' : `has dates like "${example}" that could be day-first or month-first`;
  throw new InputError(`${file}: the file ${why}; pass --date-format, e.g. --date-format "%d-%m-%Y %H:%M:%S" or "%m-%d-%Y %H:%M:%S".`);
}

/** SQL: one date value (cleaned text) → naive ISO text, or the value unchanged. */
export function dateSql(value: string, plan: DatePlan): string {
  if (plan.kind === 'iso') return value;
  if (plan.kind === 'format') return `coalesce(strftime(try_strptime(${value}, ${quoteString(plan.format)}), '%Y-%m-%d %H:%M:%S'), ${value})`;
  const [a, b] = plan.order === 'day_first' ? ['%d', '%m'] : ['%m', '%d'];
  const formats = ['%H:%M:%S', '%H:%M', '%I:%M:%S %p', '%I:%M %p'].map((time) => `${a}-${b}-%Y ${time}`).concat(`${a}-${b}-%Y`);
  const parsed = `try_strptime(regexp_replace(${value}, '[/.]', '-', 'g'), [${formats.map(quoteString).join(', ')}])`;
  return `CASE WHEN regexp_matches(${value}, ${NUMERIC}) THEN coalesce(strftime(${parsed}, '%Y-%m-%d %H:%M:%S'), ${value}) ELSE ${value} END`;
}
