/**
 * ServiceNow date-times through the shared date step (ingest/dates): detection over every date
 * column in one scan, then each value that a local reading parses (numeric display formats such
 * as `03-04-2026 09:15:02` or the UCI log's `29/2/2016 01:16`, month names, and --date-format
 * first when given) becomes naive ISO text `YYYY-MM-DD HH:MM:SS`, which the typing step reads in
 * --tz. Everything else passes through unchanged: ISO values (raw Table API values are naive UTC
 * `2020-07-10 12:53:06`), offsets and epochs are read by the typing step itself, and junk is
 * flagged there as invalid, never dropped here.
 *
 * Why convert here at all: an event log orders an incident's updates by `sys_updated_on`, and
 * the timeline and the latest-row choice need that order before typing — naive ISO text sorts.
 *
 * One rule differs from a generic file: the day/month order is settled for the whole file
 * (settleSharedOrder), because ServiceNow prints every date-time in the exporting user's one
 * display format. A file where no column settles it stops asking for --date-format.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../../queries/errors.ts';
import {
  bindOnce, describeDateProblem, detectColumnFormats, formatHasZone, localTimestampSql, settleSharedOrder,
  type DateColumnPlan, type DetectColumn, type TimestampSqlOptions,
} from '../../dates/index.ts';

/**
 * Plans for the given columns (name → cleaned text over `table`), settled as one file. `known`:
 * plans the caller proved without SQL (naiveIsoPlan: every value naive ISO or absent); only the
 * other columns are detected. A naive ISO plan has no day/month order, so settling is the same.
 */
export async function planDates(
  connection: DuckDBConnection, table: string, columns: readonly DetectColumn[], file: string, dateFormat: string | null,
  known: ReadonlyMap<string, DateColumnPlan> = new Map(),
): Promise<Map<string, DateColumnPlan>> {
  const detected = await detectColumnFormats(connection, table, columns.filter((column) => !known.has(column.name)));
  const settled = settleSharedOrder(columns.map((column) => known.get(column.name) ?? detected.get(column.name)!));
  if (settled.problem && !dateFormat) throw new InputError(describeDateProblem(file, settled.problem));
  return new Map(settled.plans.map((plan) => [plan.column, plan]));
}

/**
 * SQL: a cleaned date value (a column reference, NULL for null markers) as naive ISO text when a
 * local reading parses it, else unchanged. `formatParam` is the placeholder bound to
 * --date-format; it is mentioned only when a format is given.
 */
export function dateTextSql(value: string, plan: DateColumnPlan, dateFormat: string | null, formatParam: string): string {
  const explicit = dateFormat !== null && !formatHasZone(dateFormat);
  const local = plan.families.includes('numeric') || plan.families.includes('month-name');
  // ISO values, offsets and epochs: the typing step reads them; converting would only cost.
  if (!explicit && !local) return value;
  const options: TimestampSqlOptions = dateFormat === null ? {} : { dateFormat: { param: formatParam, format: dateFormat } };
  const parsed = localTimestampSql(value, plan, options);
  // Fractions of a second are kept only when there are some, so whole-second values read as before.
  // (strftime takes a constant format, hence two calls.)
  const text = `CASE WHEN epoch_us(__hs_sn_local) % 1000000 = 0 THEN strftime(__hs_sn_local, '%Y-%m-%d %H:%M:%S') ELSE strftime(__hs_sn_local, '%Y-%m-%d %H:%M:%S.%f') END`;
  return `coalesce(${bindOnce(parsed, '__hs_sn_local', text)}, ${value})`;
}
