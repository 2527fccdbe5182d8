/**
 * Decides how each timestamp column of a staged file is read, from the whole column (ingest/
 * dates): ISO, day-first or month-first numbers, month names, epochs. A column whose day/month
 * order stays ambiguous stops the import with a sentence asking for --date-format — never a
 * silent guess.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../queries/errors.ts';
import { describeDateProblem, detectColumnFormat, nullIfMarker, timestampSql, type DateColumnPlan } from './dates/index.ts';

const PROBE = 'hs_import_date_probe';

/** Plans for the given fields (field → SQL text expression over `table`). */
export async function planDates(
  connection: DuckDBConnection, file: string, table: string, fields: Partial<Record<string, string>>, names: readonly string[], dateFormat: string | null,
): Promise<Map<string, DateColumnPlan>> {
  const plans = new Map<string, DateColumnPlan>();
  for (const name of names) {
    const expr = fields[name];
    if (!expr) continue;
    // The expression may be any SQL over the staged table, so detection reads it through a view.
    await connection.run(`CREATE OR REPLACE TEMP VIEW ${PROBE} AS SELECT CAST(${expr} AS VARCHAR) AS v FROM ${table}`);
    try {
      const plan = await detectColumnFormat(connection, PROBE, 'v');
      if (plan.problem && !dateFormat) throw new InputError(describeDateProblem(file, { ...plan.problem, column: columnLabel(expr, name) }));
      plans.set(name, plan);
    } finally {
      await connection.run(`DROP VIEW IF EXISTS ${PROBE}`);
    }
  }
  return plans;
}

/** The timestamp builder the typing steps call, reading each field by its plan. */
export function timestampReader(plans: Map<string, DateColumnPlan>, dateFormat: string | null) {
  return (value: string, field: string): string => {
    const plan = plans.get(field);
    if (!plan) return 'CAST(NULL AS TIMESTAMPTZ)';
    return timestampSql(nullIfMarker(value, '$markers'), plan, '$tz', dateFormat ? { dateFormat: { param: '$date_format', format: dateFormat } } : {});
  };
}

/** `"Created"` → Created: the file's own column name, for messages. */
function columnLabel(expr: string, field: string): string {
  const quoted = /^"((?:[^"]|"")*)"$/.exec(expr.trim());
  return quoted ? quoted[1]!.replaceAll('""', '"') : field;
}
