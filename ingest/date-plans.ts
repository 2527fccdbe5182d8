/**
 * Reads a staged file (or the file itself) once before typing it: how each timestamp column is
 * read, decided from the whole column (ingest/dates: ISO, day-first or month-first numbers, month
 * names, epochs), plus how many records there are and whether their ids repeat. A column whose
 * day/month order stays ambiguous stops the import with a sentence asking for --date-format —
 * never a silent guess.
 *
 * One statement for all of it: the source is scanned once however many date columns it has.
 * A first import of a large file may scan only its first records (`sample`): the plans are then
 * a proposal that import-file.ts checks against the stored rows (first-import.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../queries/errors.ts';
import { composeDetection, describeDateProblem, detectionParts, nullIfMarker, nullMarkersValue, plansFromRow, timestampSql, type DateColumnPlan } from './dates/index.ts';
import { numberParams, type NamedValues } from './params.ts';

export interface SourceScan {
  plans: Map<string, DateColumnPlan>;
  /** Rows of the source (of the sample, when the scan was not complete). */
  records: number;
  /**
   * Whether the scan read the whole source. False when a sample limit was reached: the plans and
   * id counts then cover the first `records` rows only, and a day/month problem in them is
   * returned in the plans instead of thrown (the caller scans the whole source).
   */
  complete: boolean;
  /** Rows with an id, and distinct ids among them; null when no id expression was given. */
  ids: { present: number; distinct: number } | null;
}

export interface ScanInput {
  file: string;
  /** The FROM item: a staged table, or a table function reading the file. */
  from: string;
  /** target field → SQL text expression over `from`. */
  fields: Partial<Record<string, string>>;
  /** Fields read as timestamps (those present in `fields` are detected). */
  timestamps: readonly string[];
  /** SQL of the cleaned id as the typing step computes it, or null to skip the id counts. */
  id: string | null;
  dateFormat: string | null;
  /** Values for named placeholders of `from` (e.g. $file). */
  values?: NamedValues;
  /** Turns an error of reading `from` into the profile's error. */
  readError?: (error: unknown) => unknown;
  /** Plans already proven for some of `timestamps` (StagedImport.plans): not detected again. Default none. */
  known?: ReadonlyMap<string, DateColumnPlan>;
  /** Read at most this many rows (in the source's order). Default null: the whole source. */
  sample?: number | null;
}

export async function scanSource(connection: DuckDBConnection, input: ScanInput): Promise<SourceScan> {
  const known = input.known ?? new Map<string, DateColumnPlan>();
  const columns = input.timestamps.flatMap((name) => (input.fields[name] && !known.has(name) ? [{ name, expr: input.fields[name]! }] : []));
  const query = detectionParts(columns, '$markers');
  query.texts.push(input.id ? `${input.id} AS __scan_id` : 'NULL AS __scan_id');
  query.aggregates.push(
    'CAST(count(*) AS INTEGER) AS __scan_records',
    'CAST(count(__scan_id) AS INTEGER) AS __scan_ids',
    'CAST(count(DISTINCT __scan_id) AS INTEGER) AS __scan_distinct',
  );
  const sample = input.sample ?? null;
  const values = { ...input.values, markers: nullMarkersValue(), ...(sample === null ? {} : { scan_sample: sample }) };
  const numbered = numberParams(composeDetection(input.from, query, sample === null ? null : '$scan_sample'), values);
  let row: Record<string, unknown> | undefined;
  try {
    row = (await connection.runAndReadAll(numbered.sql, numbered.params)).getRowObjectsJson()[0];
  } catch (error) {
    throw input.readError ? input.readError(error) : error;
  }
  if (!row) throw new Error(`${input.file}: reading the file for its dates and ids returned no row.`);
  const plans = plansFromRow(columns, row);
  for (const name of input.timestamps) {
    const plan = known.get(name);
    if (plan && input.fields[name]) plans.set(name, plan);
  }
  const records = Number(row.__scan_records ?? 0);
  // Fewer rows than the limit: the sample was the whole source.
  const complete = sample === null || records < sample;
  for (const column of columns) {
    const plan = plans.get(column.name)!;
    if (plan.problem && !input.dateFormat && complete) throw new InputError(describeDateProblem(input.file, { ...plan.problem, column: columnLabel(column.expr, column.name) }));
  }
  return {
    plans,
    records,
    complete,
    ids: input.id ? { present: Number(row.__scan_ids ?? 0), distinct: Number(row.__scan_distinct ?? 0) } : null,
  };
}

/** Plans for the given fields (field → SQL text expression over `table`), in one scan of it. */
export async function planDates(
  connection: DuckDBConnection, file: string, table: string, fields: Partial<Record<string, string>>, names: readonly string[], dateFormat: string | null,
): Promise<Map<string, DateColumnPlan>> {
  return (await scanSource(connection, { file, from: table, fields, timestamps: names, id: null, dateFormat })).plans;
}

/**
 * How the typing steps read a timestamp field, in two steps: `text` removes null markers (and
 * blanks), `parse` reads that text by the field's plan. typing.ts puts the text in a column of
 * its own first, so the parse (which mentions the value a dozen times) reads a plain column
 * instead of binding an expression once per value; `read` is both, for small statements.
 */
export interface TimestampReader {
  /** `field`: a field whose values the profile proved (see timestampReader's `proven`) passes as it is. */
  text(value: string, field?: string): string;
  parse(text: string, field: string): string;
  read(value: string, field: string): string;
}

/**
 * `proven`: fields whose every value the profile proved to be naive ISO text or NULL
 * (StagedImport.plans) — no blank to trim and no null marker, so their text step is the value
 * itself, sparing a sync batch the planning of a marker check that mentions it a dozen times.
 */
export function timestampReader(
  plans: Map<string, DateColumnPlan>, dateFormat: string | null, proven: ReadonlySet<string> = new Set(),
): TimestampReader {
  const text = (value: string, field?: string) => (field !== undefined && proven.has(field) ? value : nullIfMarker(value, '$markers'));
  const parse = (cleaned: string, field: string): string => {
    const plan = plans.get(field);
    if (!plan) return 'CAST(NULL AS TIMESTAMPTZ)';
    return timestampSql(cleaned, plan, '$tz', dateFormat ? { dateFormat: { param: '$date_format', format: dateFormat } } : {});
  };
  return { text, parse, read: (value, field) => parse(text(value, field), field) };
}

/** `"Created"` → Created: the file's own column name, for messages. */
function columnLabel(expr: string, field: string): string {
  const quoted = /^"((?:[^"]|"")*)"$/.exec(expr.trim());
  return quoted ? quoted[1]!.replaceAll('""', '"') : field;
}
