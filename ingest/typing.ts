/**
 * The shared typing step: a pure function from a staged table (canonical fields as text, each
 * given as an SQL expression over the staged columns) to one SELECT yielding typed canonical
 * incident rows. Every profile goes through here, so a value is read the same way whatever
 * export it came from. Nothing here runs SQL.
 *
 * Records that can't be used as they are stay in: a bad value becomes NULL (or the column's
 * default) and the record carries a quality flag naming the field (`invalid_opened_at`), so the
 * data-quality view can count it; a record without an id gets a stable id derived from its
 * content, so re-importing it does not duplicate it.
 */
import { CANONICAL_FIELDS, type FieldSpec } from './canonical.ts';
import { SEVERITY_MAP, STATUS_MAP } from './scheme-tables.ts';

export interface TypingInput {
  stagingTable: string;
  /** canonical field → SQL text expression over the staged table; absent fields are NULL. */
  fields: Partial<Record<string, string>>;
  /** SQL expression for `custom` (JSON), or null. */
  custom: string | null;
  /** SQL expression (VARCHAR[]) of flags the profile already raised, or null. */
  profileFlags: string | null;
  /** Builds the TIMESTAMPTZ expression for a cleaned text value of a timestamp field. */
  timestamp: (value: string, field: string) => string;
  /** Placeholders the caller binds: the source name and the import time. */
  sourceParam: string;
  importedAtParam: string;
}

export function typedIncidentsSql(input: TypingInput): string {
  const text = (name: string) => {
    const expr = input.fields[name];
    return expr ? `NULLIF(trim(CAST(${expr} AS VARCHAR)), '')` : 'NULL';
  };
  const flags: string[] = [];
  const select: string[] = [];
  for (const field of CANONICAL_FIELDS) {
    if (field.name === 'external_id' || field.name === 'severity' || field.name === 'status') continue;
    select.push(`${typed(field, text(field.name), flags, input.timestamp)} AS ${field.name}`);
  }
  // Severity and status go through the scheme's alias tables (joined below). Without a
  // severity column, the priority stands in (Jira and ServiceNow rank incidents by priority).
  const severityText = `coalesce(${text('severity')}, ${text('priority')})`;
  select.push(`CASE WHEN __sev_rank IS NOT NULL THEN 'SEV' || __sev_rank ELSE ${severityText} END AS severity`);
  select.push('__sev_rank AS severity_rank');
  select.push(`coalesce(__status_canonical, ${text('status')}) AS status`);
  flags.push(`CASE WHEN ${severityText} IS NOT NULL AND __sev_rank IS NULL THEN 'unknown_severity' END`);
  flags.push(`CASE WHEN ${text('status')} IS NOT NULL AND __status_canonical IS NULL THEN 'unknown_status' END`);

  const external = text('external_id');
  const derivedId = `'missing-id:' || md5(CAST(__raw AS VARCHAR))`;
  flags.unshift(`CASE WHEN ${external} IS NULL THEN 'missing_external_id' END`);
  flags.push(`CASE WHEN ${text('opened_at')} IS NULL THEN 'missing_opened_at' END`);
  const opened = input.timestamp(text('opened_at'), 'opened_at');
  for (const end of ['acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at']) {
    flags.push(`CASE WHEN ${input.timestamp(text(end), end)} < ${opened} THEN '${end.replace(/_at$/, '')}_before_opened' END`);
  }
  const profileFlags = input.profileFlags ? `coalesce(${input.profileFlags}, [])` : '[]';

  return `
SELECT ${input.sourceParam} AS source,
       coalesce(${external}, ${derivedId}) AS external_id,
       ${select.join(',\n       ')},
       ${input.custom ?? 'NULL'} AS custom,
       __raw AS raw,
       CAST(${input.importedAtParam} AS TIMESTAMPTZ) AS imported_at,
       CAST(${input.importedAtParam} AS TIMESTAMPTZ) AS updated_at,
       list_sort(list_distinct(list_concat(${profileFlags}, list_filter([${flags.join(',\n         ')}], f -> f IS NOT NULL)))) AS quality_flags,
       __record AS record
FROM ${input.stagingTable}
LEFT JOIN ${SEVERITY_MAP} ON __sev_value = lower(${severityText})
LEFT JOIN ${STATUS_MAP} ON __status_value = lower(${text('status')})
-- The last record for an id wins: exports list an incident's later state after its earlier one.
QUALIFY row_number() OVER (PARTITION BY coalesce(${external}, ${derivedId}) ORDER BY __record DESC) = 1`;
}

/** The typed expression for one field, pushing a flag when a non-empty value doesn't parse. */
function typed(field: FieldSpec, value: string, flags: string[], timestamp: TypingInput['timestamp']): string {
  const invalid = (cast: string) => flags.push(`CASE WHEN ${value} IS NOT NULL AND ${cast} IS NULL THEN 'invalid_${field.name}' END`);
  switch (field.type) {
    case 'text':
      return value;
    case 'timestamp': {
      const cast = timestamp(value, field.name);
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
