/**
 * The shared typing step: a pure function from a staged table (canonical fields as text, each
 * given as an SQL expression over the staged columns) to one SELECT yielding typed canonical
 * incident rows. Every profile goes through here, so a value is read the same way whatever
 * export it came from. Nothing here runs SQL.
 *
 * Built in three layers so every value is cleaned and parsed exactly once: `__txt` (trimmed
 * text), `__typed` (parsed values), then the row with its flags computed from those columns.
 * Hazard: inlining the parse expressions into every flag that needs them made DuckDB re-run
 * the (regex-heavy) timestamp parsing up to four times per value.
 *
 * Records that can't be used as they are stay in: a bad value becomes NULL (or the column's
 * default) and the record carries a quality flag naming the field (`invalid_opened_at`), so the
 * data-quality view can count it; a record without an id gets a stable id derived from its
 * content, so re-importing it does not duplicate it.
 */
import { CANONICAL_FIELDS } from './canonical.ts';
import type { TimestampReader } from './date-plans.ts';
import { isColumnReference } from './dates/index.ts';
import { SEVERITY_MAP, STATUS_MAP } from './scheme-tables.ts';

export interface TypingInput {
  /** The FROM item: a staged table, or a table function over the file (read_csv(…) AS alias). */
  stagingTable: string;
  /** SQL for the source record as JSON. Default `__raw` (a staged column). */
  raw?: string;
  /**
   * SQL for the 1-based record number, which orders repeated ids (the last one wins). Default
   * `__record` (a staged column); `row_number() OVER ()` reads it off a file in order.
   */
  record?: string;
  /**
   * The caller counted every id present and distinct: no record can repeat another, so the
   * "last one wins" window is left out. Default false. Hazard: that window sorts and holds the
   * whole file (it was the largest single cost of a 1M-row import); without it the SELECT
   * streams. Only set it from a count over the same rows and the same id expression.
   */
  unique?: boolean;
  /** canonical field → SQL text expression over the staged table; absent fields are NULL. */
  fields: Partial<Record<string, string>>;
  /** SQL expression for `custom` (JSON), or null. */
  custom: string | null;
  /** SQL expression (VARCHAR[]) of flags the profile already raised, or null. */
  profileFlags: string | null;
  /** Reads timestamp fields: marker-free text of a cleaned value, then TIMESTAMPTZ of that text (date-plans.ts). */
  timestamp: Pick<TimestampReader, 'text' | 'parse'>;
  /** Placeholders the caller binds: the source name and the import time. */
  sourceParam: string;
  importedAtParam: string;
}

const txt = (name: string) => `"__txt_${name}"`;
const END_INSTANTS = ['acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at'];

/**
 * SQL: a field's text as typing reads it (spaces trimmed; empty is NULL). The id counts before
 * typing use it too. For a plain column, trim() runs only on values that start or end with a
 * space: it copies every string it sees, which cost as much as reading the file's 23 columns
 * (measured, 100k rows). Anything else is written once, with trim() as it is.
 */
export function cleanedTextSql(expr: string): string {
  if (!isColumnReference(expr)) return `NULLIF(trim(CAST(${expr} AS VARCHAR)), '')`;
  const v = `CAST(${expr} AS VARCHAR)`;
  return `CASE WHEN ord(${v}) = 32 OR ends_with(${v}, ' ') THEN NULLIF(trim(${v}), '') WHEN ${v} = '' THEN NULL ELSE ${v} END`;
}

export function typedIncidentsSql(input: TypingInput): string {
  const cleaned = CANONICAL_FIELDS.map((field) => {
    const expr = input.fields[field.name];
    return `${expr ? cleanedTextSql(expr) : 'CAST(NULL AS VARCHAR)'} AS ${txt(field.name)}`;
  });

  const typed: string[] = [];
  const flags: string[] = [`CASE WHEN ${txt('external_id')} IS NULL THEN 'missing_external_id' END`];
  for (const field of CANONICAL_FIELDS) {
    const value = txt(field.name);
    const cast =
      field.type === 'timestamp' ? input.timestamp.parse(`"__t_${field.name}"`, field.name)
      : field.type === 'integer' ? `TRY_CAST(${value} AS INTEGER)`
      : field.type === 'number' ? `TRY_CAST(${value} AS DOUBLE)`
      // list_contains, not IN: DuckDB plans an IN list of five or more values as a hash join.
      : field.type === 'boolean' ? `CASE WHEN list_contains(['true', 't', 'yes', 'y', '1'], lower(${value})) THEN true WHEN list_contains(['false', 'f', 'no', 'n', '0'], lower(${value})) THEN false END`
      : null;
    if (!cast) continue;
    typed.push(`${cast} AS "__v_${field.name}"`);
    flags.push(`CASE WHEN ${value} IS NOT NULL AND "__v_${field.name}" IS NULL THEN 'invalid_${field.name}' END`);
  }
  flags.push(`CASE WHEN ${txt('opened_at')} IS NULL THEN 'missing_opened_at' END`);
  for (const end of END_INSTANTS) {
    flags.push(`CASE WHEN "__v_${end}" < "__v_opened_at" THEN '${end.replace(/_at$/, '')}_before_opened' END`);
  }
  flags.push(`CASE WHEN __severity_text IS NOT NULL AND __sev_rank IS NULL THEN 'unknown_severity' END`);
  flags.push(`CASE WHEN ${txt('status')} IS NOT NULL AND __status_canonical IS NULL THEN 'unknown_status' END`);

  const columns = CANONICAL_FIELDS.filter((field) => !['external_id', 'severity', 'status'].includes(field.name)).map((field) => {
    if (field.type === 'text') return `${txt(field.name)} AS ${field.name}`;
    // A missing count is unknown (NULL), not 0: a source that doesn't record reopenings must not
    // read as "never reopened" (schema 006). A missing drill marker is "not a drill".
    if (field.type === 'boolean') return `coalesce("__v_${field.name}", false) AS ${field.name}`;
    return `"__v_${field.name}" AS ${field.name}`;
  });
  const profileFlags = input.profileFlags ? `coalesce(__profile_flags, [])` : '[]';

  // Each timestamp's marker-free text as a column of its own, so its parse reads a plain column.
  // A field the profile doesn't feed is a NULL constant: no marker check to plan (it mentions its
  // value a dozen times, and a sync batch pays the planning every time).
  const timestampTexts = CANONICAL_FIELDS.filter((field) => field.type === 'timestamp')
    .map((field) => `,\n         ${input.fields[field.name] ? input.timestamp.text(txt(field.name), field.name) : 'CAST(NULL AS VARCHAR)'} AS "__t_${field.name}"`).join('');
  const record = input.unique ? 'CAST(NULL AS INTEGER)' : `CAST(${input.record ?? '__record'} AS INTEGER)`;
  return `
WITH __txt AS (
  SELECT ${record} AS __record, ${input.raw ?? '__raw'} AS __raw, ${input.custom ?? 'NULL'} AS __custom_value, ${input.profileFlags ?? 'NULL'} AS __profile_flags,
         ${cleaned.join(',\n         ')}
  FROM ${input.stagingTable}
),
__keyed AS (
  SELECT *, coalesce(${txt('external_id')}, 'missing-id:' || md5(CAST(__raw AS VARCHAR))) AS __id,
         -- Without a severity column, the priority stands in (Jira and ServiceNow rank by priority).
         coalesce(${txt('severity')}, ${txt('priority')}) AS __severity_text${timestampTexts}
  FROM __txt
  -- The last record for an id wins: exports list an incident's later state after its earlier one.
  ${input.unique ? '' : 'QUALIFY row_number() OVER (PARTITION BY __id ORDER BY __record DESC) = 1'}
),
__typed AS (
  SELECT __keyed.*, ${typed.join(',\n         ')}, __sev_rank, __status_canonical
  FROM __keyed
  LEFT JOIN ${SEVERITY_MAP} ON __sev_value = lower(__severity_text)
  LEFT JOIN ${STATUS_MAP} ON __status_value = lower(${txt('status')})
)
SELECT ${input.sourceParam} AS source,
       __id AS external_id,
       CASE WHEN __sev_rank IS NOT NULL THEN 'SEV' || __sev_rank ELSE __severity_text END AS severity,
       __sev_rank AS severity_rank,
       coalesce(__status_canonical, ${txt('status')}) AS status,
       ${columns.join(',\n       ')},
       __custom_value AS custom,
       __raw AS raw,
       CAST(${input.importedAtParam} AS TIMESTAMPTZ) AS imported_at,
       CAST(${input.importedAtParam} AS TIMESTAMPTZ) AS updated_at,
       list_sort(list_distinct(list_concat(${profileFlags}, list_filter([${flags.join(',\n         ')}], f -> f IS NOT NULL)))) AS quality_flags,
       __record AS record
FROM __typed`;
}
