/**
 * The generic profile's normaliser: a pure function from the staged columns to one SELECT that
 * yields canonical incident rows. Nothing here runs SQL, so it is tested by compiling and then
 * running its output on a real database.
 *
 * Records that can't be used as they are stay in: a bad value becomes NULL (or the column's
 * default) and the record carries a quality flag naming the field, so the data-quality view can
 * count it; a record without an id gets a stable id derived from its content.
 */
import { quoteIdent, quoteString } from '../../sql.ts';
import { GENERIC_FIELDS, type FieldSpec } from './options.ts';

export interface NormaliseInput {
  stagingTable: string;
  /** Columns found in the file's header. */
  columns: string[];
}

export interface NormaliseSql {
  sql: string;
  /** $1 = source name, $2 = import time (ISO 8601). */
  paramNames: ['source', 'importedAt'];
}

export function normaliseGeneric({ stagingTable, columns }: NormaliseInput): NormaliseSql {
  const present = new Set(columns);
  const text = (name: string) => (present.has(name) ? `NULLIF(trim(${quoteIdent(name)}), '')` : 'NULL');
  const flags: string[] = [];
  const select: string[] = [];

  for (const field of GENERIC_FIELDS) {
    if (field.name === 'external_id') continue;
    select.push(`${typed(field, text(field.name), flags)} AS ${field.name}`);
  }

  const external = text('external_id');
  flags.unshift(`CASE WHEN ${external} IS NULL THEN 'missing_external_id' END`);
  flags.push(`CASE WHEN ${text('opened_at')} IS NULL THEN 'missing_opened_at' END`);
  for (const end of ['acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at']) {
    flags.push(`CASE WHEN ${ts(text(end))} < ${ts(text('opened_at'))} THEN '${end.replace(/_at$/, '')}_before_opened' END`);
  }

  const extra = columns.filter((name) => !GENERIC_FIELDS.some((field) => field.name === name));
  const custom = extra.length
    ? `json_object(${extra.map((name) => `${quoteString(name)}, ${quoteIdent(name)}`).join(', ')})`
    : 'NULL';

  const sql = `
SELECT $1 AS source,
       coalesce(${external}, 'missing-id:' || md5(CAST(__raw AS VARCHAR))) AS external_id,
       ${select.join(',\n       ')},
       TRY_CAST(regexp_extract(${text('severity')}, '(\\d+)', 1) AS INTEGER) AS severity_rank,
       ${custom} AS custom,
       __raw AS raw,
       CAST($2 AS TIMESTAMPTZ) AS imported_at,
       CAST($2 AS TIMESTAMPTZ) AS updated_at,
       list_filter([${flags.join(',\n                    ')}], f -> f IS NOT NULL) AS quality_flags,
       __record AS record
FROM ${stagingTable}
-- The last record for an id wins: exports list an incident's later state after its earlier one.
QUALIFY row_number() OVER (PARTITION BY coalesce(${external}, 'missing-id:' || md5(CAST(__raw AS VARCHAR))) ORDER BY __record DESC) = 1`;
  return { sql, paramNames: ['source', 'importedAt'] };
}

function ts(value: string): string {
  return `TRY_CAST(${value} AS TIMESTAMPTZ)`;
}

/** The typed expression for one field, pushing a flag when a non-empty value doesn't parse. */
function typed(field: FieldSpec, value: string, flags: string[]): string {
  const invalid = (cast: string) => flags.push(`CASE WHEN ${value} IS NOT NULL AND ${cast} IS NULL THEN 'invalid_${field.name}' END`);
  switch (field.type) {
    case 'text':
      return value;
    case 'timestamp': {
      // Strings without an offset are read as UTC (db.ts pins the session zone); --tz comes
      // with the vendor profiles.
      const cast = ts(value);
      invalid(cast);
      return cast;
    }
    case 'integer': {
      const cast = `TRY_CAST(${value} AS INTEGER)`;
      invalid(cast);
      return `coalesce(${cast}, 0)`;
    }
    case 'number': {
      const cast = `TRY_CAST(${value} AS DOUBLE)`;
      invalid(cast);
      return cast;
    }
    case 'boolean': {
      const cast = `CASE WHEN lower(${value}) IN ('true', 't', 'yes', 'y', '1') THEN true WHEN lower(${value}) IN ('false', 'f', 'no', 'n', '0') THEN false END`;
      invalid(cast);
      return `coalesce(${cast}, false)`;
    }
  }
}
