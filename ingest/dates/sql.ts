/**
 * Pure builders of the SQL expression that turns one cleaned text value into a UTC TIMESTAMPTZ
 * (or NULL) inside DuckDB, following a column's DateColumnPlan. Nothing here runs SQL.
 *
 * Speed (DuckDB 1.5, measured on 2M rows): a FAILING parse is the expensive thing — every
 * failed format in `try_strptime(v, [list])`, and every failed TRY_CAST to a timestamp, costs
 * about 1 µs (DuckDB builds an error message it then drops), 5–10× a successful one. So the
 * value's shape is recognised with RE2 first, the numeric and month-name shapes are split by one
 * regexp_extract and re-assembled as `Y-M-D H:M:S` for a cast that succeeds, and try_strptime is
 * used only for an explicit --date-format, where one format matches nearly every value.
 *
 * Hazards:
 * - `CAST(x AS TIMESTAMP)` drops an offset silently, and `CAST(x AS TIMESTAMPTZ)` reads a naive
 *   value in the SESSION zone. Offset values are routed by pattern to the TIMESTAMPTZ cast and
 *   naive ones to `timezone(tz, TIMESTAMP)`; nothing depends on the session's TimeZone.
 * - The zone and an explicit format are user text: they are only ever placeholders here, and a
 *   placeholder argument that isn't one (a zone name passed by mistake) throws.
 * - DuckDB refuses to bind a value the statement never uses, so the expression always mentions
 *   the zone placeholder and the value, whatever the plan.
 * - 2-digit years are read as 20yy (DuckDB's own `%y`, used by an explicit format, maps 69–99
 *   to 19yy instead).
 */
import { quoteString } from '../sql.ts';
import {
  EPOCH, EPOCH_MS_CUTOFF, ISO_NAIVE, ISO_NO_SECONDS, ISO_WITH_OFFSET, MONTH_NAMES, MONTH_NAME_DATE, MONTH_NAME_GROUPS,
  NUMERIC_DATE, NUMERIC_GROUPS,
} from './patterns.ts';
import type { DateColumnPlan } from './plan.ts';

export interface TimestampSqlOptions {
  /**
   * An explicit --date-format (strptime), overriding the detected day/month order. `param` is
   * the placeholder the caller binds the format text to; `format` is the same text, read here
   * only to see whether it parses an offset (%z, %Z) — it is never put into the SQL.
   * Default: none (detection decides).
   */
  dateFormat?: { param: string; format: string } | undefined;
}

/**
 * Lambda variables. Hazard: DuckDB resolves `x.field` to a COLUMN named x before a lambda
 * parameter x, so names are unusual and struct fields are read as `x['field']`, which resolves
 * to the lambda parameter.
 */
const VALUE = '__hs_date_value';
const PARTS = '__hs_date_parts';

/**
 * SQL yielding TIMESTAMPTZ (UTC instant) or NULL for `valueExpr`, a VARCHAR expression already
 * trimmed and with null markers removed (see nullIfMarker). Naive values are read in the zone
 * bound at `tzParam` (e.g. '$3'). Throws when the plan has a day/month problem and no explicit
 * format was given: the caller must stop the import with describeDateProblem, never guess.
 */
export function timestampSql(valueExpr: string, plan: DateColumnPlan, tzParam: string, options: TimestampSqlOptions = {}): string {
  assertPlaceholder(tzParam, 'tzParam');
  const explicit = options.dateFormat;
  if (!explicit && plan.problem) {
    throw new Error(`Column "${plan.column}" has an unresolved day/month order (${plan.problem.problem}); stop the import with describeDateProblem or pass a date format.`);
  }
  const v = VALUE;
  const whens: string[] = [];
  if (plan.families.includes('iso-offset')) whens.push(`WHEN regexp_matches(${v}, ${lit(ISO_WITH_OFFSET)}) THEN ${isoOffsetSql(v)}`);
  if (plan.families.includes('epoch-s') || plan.families.includes('epoch-ms')) whens.push(`WHEN regexp_matches(${v}, ${lit(EPOCH)}) THEN ${epochSql(v)}`);
  const local = naiveParts(v, plan, !explicit);
  // Always `timezone(tz, …)` in the ELSE, even with no naive shape, so the zone is mentioned.
  const naive = `timezone(${tzParam}, ${local.length > 0 ? coalesce(local) : 'CAST(NULL AS TIMESTAMP)'})`;
  const detected = whens.length === 0 ? naive : `CASE ${whens.join(' ')} ELSE ${naive} END`;
  if (!explicit) return bindOnce(valueExpr, VALUE, detected);
  // The explicit format goes first for every value — `%Y%m%d%H%M` must beat the epoch reading
  // of `202603040915` — and the unambiguous shapes catch what it doesn't fit.
  assertPlaceholder(explicit.param, 'dateFormat.param');
  const parsed = `try_strptime(${v}, ${explicit.param})`;
  const direct = formatHasZone(explicit.format) ? parsed : `timezone(${tzParam}, ${parsed})`;
  return bindOnce(valueExpr, VALUE, `coalesce(${direct}, ${detected})`);
}

/**
 * SQL yielding the naive local TIMESTAMP a value names (before any zone is applied), or NULL for
 * values with an offset, epochs and junk. The DST flags are computed from it.
 */
export function localTimestampSql(valueExpr: string, plan: DateColumnPlan, options: TimestampSqlOptions = {}): string {
  const explicit = options.dateFormat;
  const local = naiveParts(VALUE, plan, !explicit);
  if (explicit && !formatHasZone(explicit.format)) {
    assertPlaceholder(explicit.param, 'dateFormat.param');
    local.unshift(`try_strptime(${VALUE}, ${explicit.param})`);
  }
  return bindOnce(valueExpr, VALUE, local.length > 0 ? coalesce(local) : 'CAST(NULL AS TIMESTAMP)');
}

/** True when a strptime format parses an offset or zone name (its result is then TIMESTAMPTZ). */
export function formatHasZone(format: string): boolean {
  return /%[zZ]/.test(format.replaceAll('%%', ''));
}

/**
 * `body` with `name` bound to `expr`, evaluated once per row. A one-element list_transform is
 * DuckDB's `let`: without it the value (a CASE with trims) and the regex splits would be written
 * out, and possibly evaluated, once per mention — there are a dozen.
 *
 * A plain column reference is written into the body instead: reading a column again is free,
 * while the list and the lambda cost about a microsecond a value (measured, DuckDB 1.5) — at
 * seven date columns and a million rows, seconds. `name` must be one of our unusual lambda
 * names, so replacing it as a whole word touches nothing else.
 */
export function bindOnce(expr: string, name: string, body: string): string {
  if (isColumnReference(expr)) return body.replace(new RegExp(`\\b${name}\\b`, 'g'), () => expr);
  return `list_transform([${expr}], lambda ${name}: ${body})[1]`;
}

/** `"Created"`, `"a ""quoted"" name"` or `opened_at`: a column, nothing evaluated. */
export function isColumnReference(expr: string): boolean {
  return /^(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*)$/.test(expr.trim());
}

/** Throws unless `value` is a parameter placeholder ($3, $name or ?): user text never gets spliced. */
export function assertPlaceholder(value: string, what: string): void {
  if (!/^(\$\d+|\$[A-Za-z_]\w*|\?)$/.test(value)) {
    throw new Error(`${what} must be a parameter placeholder such as $3, not ${JSON.stringify(value)}.`);
  }
}

/** Naive-timestamp expressions for the families present (numeric ones only when allowed). */
function naiveParts(v: string, plan: DateColumnPlan, useDetectedOrder: boolean): string[] {
  const parts: string[] = [];
  if (plan.families.includes('iso')) parts.push(`CASE WHEN regexp_matches(${v}, ${lit(ISO_NAIVE)}) THEN TRY_CAST(${v} AS TIMESTAMP) END`);
  const order = plan.dayOrder;
  if (useDetectedOrder && plan.families.includes('numeric') && (order === 'day-first' || order === 'month-first')) {
    const [day, month] = order === 'day-first' ? [part('first'), part('second')] : [part('second'), part('first')];
    parts.push(bindOnce(`regexp_extract(${v}, ${lit(NUMERIC_DATE)}, ${names(NUMERIC_GROUPS)})`, PARTS, assemble(day, month)));
  }
  if (plan.families.includes('month-name')) {
    const months = `[${MONTH_NAMES.map(quoteString).join(', ')}]`;
    // Position in [jan … dec, january … december]; a name not in the list gives NULL.
    const month = `CAST((list_position(${months}, lower(${part('month')})) - 1) % 12 + 1 AS VARCHAR)`;
    parts.push(bindOnce(`regexp_extract(${v}, ${lit(MONTH_NAME_DATE)}, ${names(MONTH_NAME_GROUPS)})`, PARTS, assemble(part('day'), month)));
  }
  return parts;
}

/**
 * Re-assembles the parts as `Y-M-D H:M:S` and casts it. A value of another shape (every part
 * '') is skipped before the cast, which would fail slowly; an impossible part (Feb 30, 13 PM,
 * minute 61) makes the cast, and so the value, NULL.
 */
function assemble(day: string, month: string): string {
  const year = `CASE WHEN length(${part('year')}) = 2 THEN '20' || ${part('year')} ELSE ${part('year')} END`;
  const hourNumber = `CAST(${part('hour')} AS INTEGER)`;
  // 12 AM is 0 h, 12 PM is 12 h; an AM/PM hour outside 1–12 becomes 'x' so the cast fails.
  const hour = `CASE WHEN ${part('hour')} = '' THEN '0' WHEN ${part('ampm')} = '' THEN ${part('hour')}
    WHEN ${hourNumber} BETWEEN 1 AND 12 THEN CAST(${hourNumber} % 12 + CASE WHEN lower(${part('ampm')}) = 'p' THEN 12 ELSE 0 END AS VARCHAR)
    ELSE 'x' END`;
  const minute = `coalesce(nullif(${part('minute')}, ''), '00')`;
  const seconds = `coalesce(nullif(${part('seconds')}, ''), '00')`;
  return `CASE WHEN ${part('year')} <> '' THEN TRY_CAST(${year} || '-' || ${month} || '-' || ${day} || ' ' || ${hour} || ':' || ${minute} || ':' || ${seconds} AS TIMESTAMP) END`;
}

/** DuckDB's TIMESTAMPTZ cast needs seconds before an offset; `…T09:15Z` gets `:00` inserted. */
function isoOffsetSql(v: string): string {
  return `CASE WHEN regexp_matches(${v}, ${lit(ISO_NO_SECONDS)})
    THEN TRY_CAST(regexp_replace(${v}, ${lit(ISO_NO_SECONDS)}, '\\1:00\\2') AS TIMESTAMPTZ)
    ELSE TRY_CAST(${v} AS TIMESTAMPTZ) END`;
}

/** Seconds below EPOCH_MS_CUTOFF, milliseconds from it on (see patterns.ts). */
function epochSql(v: string): string {
  const n = `CAST(${v} AS DOUBLE)`;
  return `to_timestamp(CASE WHEN ${n} < ${EPOCH_MS_CUTOFF} THEN ${n} ELSE ${n} / 1000 END)`;
}

function part(name: string): string {
  return `${PARTS}['${name}']`;
}

function coalesce(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
}

function lit(pattern: string): string {
  return quoteString(pattern);
}

function names(groups: readonly string[]): string {
  return `[${groups.map(quoteString).join(', ')}]`;
}
