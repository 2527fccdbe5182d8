/**
 * Pure builders of the SQL expression that turns one cleaned text value into a UTC TIMESTAMPTZ
 * (or NULL) inside DuckDB, following a column's DateColumnPlan. Nothing here runs SQL.
 *
 * Why not `try_strptime(value, [list of formats])` for the numeric and month-name shapes: in
 * DuckDB 1.5 every format that fails costs about 1 µs per value (≈7× a successful parse), so a
 * 16-format list ran at ~6 µs/value (12 s for 2M rows on a 2-core machine). Instead one RE2
 * regexp_extract splits the value into parts, SQL re-assembles them as `Y-M-D H:M:S` and casts
 * that (≈0.4 µs/value; DuckDB computes the repeated regexp_extract once). try_strptime is used
 * only for an explicit --date-format, where one format matches nearly every value.
 *
 * Hazards:
 * - `CAST(x AS TIMESTAMP)` drops an offset silently, and `CAST(x AS TIMESTAMPTZ)` reads a naive
 *   value in the SESSION zone. So offset values are routed by pattern to the TIMESTAMPTZ cast and
 *   naive ones to `timezone(tz, TIMESTAMP)`; nothing depends on the session's TimeZone.
 * - The zone and an explicit format are user text: they are only ever placeholders here, and a
 *   placeholder argument that isn't one (e.g. a zone name passed by mistake) throws.
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
 * SQL yielding TIMESTAMPTZ (UTC instant) or NULL for `valueExpr`, a VARCHAR expression already
 * trimmed and with null markers removed (see nullIfMarker). Naive values are read in the zone
 * bound at `tzParam` (e.g. '$3'). Throws when the plan has a day/month problem and no explicit
 * format was given: the caller must stop the import with describeDateProblem, never guess.
 */
export function timestampSql(valueExpr: string, plan: DateColumnPlan, tzParam: string, options: TimestampSqlOptions = {}): string {
  assertPlaceholder(tzParam, 'tzParam');
  const explicit = options.dateFormat;
  if (!explicit && plan.problem) {
    throw new Error(`Column "${plan.column}" has a ${plan.problem.problem} problem; stop the import or pass a date format.`);
  }
  const v = `(${valueExpr})`;
  const whens: string[] = [];
  if (plan.families.includes('iso-offset')) whens.push(`WHEN regexp_matches(${v}, ${lit(ISO_WITH_OFFSET)}) THEN ${isoOffsetSql(v)}`);
  if (plan.families.includes('epoch-s') || plan.families.includes('epoch-ms')) whens.push(`WHEN regexp_matches(${v}, ${lit(EPOCH)}) THEN ${epochSql(v)}`);
  const local = naiveParts(v, plan, !explicit);
  const naive = local.length > 0 ? `timezone(${tzParam}, ${coalesce(local)})` : null;
  const detected = whens.length === 0 ? naive : `CASE ${whens.join(' ')}${naive ? ` ELSE ${naive}` : ''} END`;
  if (!explicit) {
    if (!detected) return nothingSql('TIMESTAMPTZ', [v, tzParam]);
    // The caller binds the zone whatever the plan; DuckDB refuses a bound value that the
    // statement never uses, so a plan without naive values still mentions the zone.
    return naive ? detected : `CASE WHEN ${tzParam} IS NULL THEN NULL ELSE ${detected} END`;
  }
  assertPlaceholder(explicit.param, 'dateFormat.param');
  const parsed = `try_strptime(${v}, ${explicit.param})`;
  const direct = formatHasZone(explicit.format) ? `CASE WHEN ${tzParam} IS NULL THEN NULL ELSE ${parsed} END` : `timezone(${tzParam}, ${parsed})`;
  return detected ? `coalesce(${direct}, ${detected})` : direct;
}

/**
 * SQL yielding the naive local TIMESTAMP a value names (before any zone is applied), or NULL for
 * values with an offset, epochs and junk. The DST flags are computed from it.
 */
export function localTimestampSql(valueExpr: string, plan: DateColumnPlan, options: TimestampSqlOptions = {}): string {
  const v = `(${valueExpr})`;
  const explicit = options.dateFormat;
  const parts = naiveParts(v, plan, !explicit);
  if (explicit && !formatHasZone(explicit.format)) {
    assertPlaceholder(explicit.param, 'dateFormat.param');
    parts.unshift(`try_strptime(${v}, ${explicit.param})`);
  }
  return parts.length > 0 ? coalesce(parts) : nothingSql('TIMESTAMP', [v]);
}

/** True when a strptime format parses an offset or zone name (its result is then TIMESTAMPTZ). */
export function formatHasZone(format: string): boolean {
  return /%[zZ]/.test(format.replaceAll('%%', ''));
}

/** Naive-timestamp expressions for the families present (numeric ones only when allowed). */
function naiveParts(v: string, plan: DateColumnPlan, useDetectedOrder: boolean): string[] {
  const parts: string[] = [];
  if (plan.families.includes('iso')) parts.push(`CASE WHEN regexp_matches(${v}, ${lit(ISO_NAIVE)}) THEN TRY_CAST(${v} AS TIMESTAMP) END`);
  const order = plan.dayOrder;
  if (useDetectedOrder && plan.families.includes('numeric') && (order === 'day-first' || order === 'month-first')) {
    const [day, month] = order === 'day-first' ? [part('first'), part('second')] : [part('second'), part('first')];
    parts.push(withParts(v, NUMERIC_DATE, NUMERIC_GROUPS, assemble(day, month)));
  }
  if (plan.families.includes('month-name')) {
    const months = `[${MONTH_NAMES.map(quoteString).join(', ')}]`;
    // Position in [jan … dec, january … december]; a name not in the list gives NULL.
    const month = `CAST((list_position(${months}, lower(${part('month')})) - 1) % 12 + 1 AS VARCHAR)`;
    parts.push(withParts(v, MONTH_NAME_DATE, MONTH_NAME_GROUPS, assemble(part('day'), month)));
  }
  return parts;
}

/**
 * Runs `body` with PARTS bound to the STRUCT of the pattern's named groups. The one-element
 * list_transform is a `let`: the regex runs once per value and the SQL text stays small, instead
 * of repeating regexp_extract for every part and relying on DuckDB to merge the copies.
 */
function withParts(v: string, pattern: string, groups: readonly string[], body: string): string {
  return `list_transform([regexp_extract(${v}, ${lit(pattern)}, ${names(groups)})], lambda ${PARTS}: ${body})[1]`;
}

/**
 * Re-assembles the parts in PARTS as `Y-M-D H:M:S` and casts it; any impossible part (Feb 30,
 * 13 PM, minute 61, a value that didn't match so every part is '') makes the value NULL.
 */
function assemble(day: string, month: string): string {
  const year = `CASE WHEN length(${part('year')}) = 2 THEN '20' || ${part('year')} ELSE ${part('year')} END`;
  const hourNumber = `TRY_CAST(${part('hour')} AS INTEGER)`;
  // 12 AM is 0 h, 12 PM is 12 h; an AM/PM hour outside 1–12 becomes 'x' so the cast fails.
  const hour = `CASE WHEN ${part('hour')} = '' THEN '0' WHEN ${part('ampm')} = '' THEN ${part('hour')}
    WHEN ${hourNumber} BETWEEN 1 AND 12 THEN CAST(${hourNumber} % 12 + CASE WHEN lower(${part('ampm')}) = 'p' THEN 12 ELSE 0 END AS VARCHAR)
    ELSE 'x' END`;
  const minute = `coalesce(nullif(${part('minute')}, ''), '00')`;
  const seconds = `coalesce(nullif(${part('seconds')}, ''), '00')`;
  return `TRY_CAST(${year} || '-' || ${month} || '-' || ${day} || ' ' || ${hour} || ':' || ${minute} || ':' || ${seconds} AS TIMESTAMP)`;
}

/** DuckDB's TIMESTAMPTZ cast needs seconds before an offset; `…T09:15Z` gets `:00` inserted. */
function isoOffsetSql(v: string): string {
  return `coalesce(TRY_CAST(${v} AS TIMESTAMPTZ), TRY_CAST(regexp_replace(${v}, ${lit(ISO_NO_SECONDS)}, '\\1:00\\2') AS TIMESTAMPTZ))`;
}

/** Seconds below EPOCH_MS_CUTOFF, milliseconds from it on (see patterns.ts). */
function epochSql(v: string): string {
  const n = `TRY_CAST(${v} AS DOUBLE)`;
  return `to_timestamp(CASE WHEN ${n} < ${EPOCH_MS_CUTOFF} THEN ${n} ELSE ${n} / 1000 END)`;
}

/** A typed NULL that still mentions `refs` (placeholders, the value), so their bindings stay valid. */
function nothingSql(type: string, refs: string[]): string {
  return `CAST(CASE WHEN ${refs.map((ref) => `${ref} IS NULL`).join(' OR ')} THEN NULL END AS ${type})`;
}

function coalesce(parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
}

/**
 * The lambda variable holding a value's parts. Hazard: DuckDB resolves `x.field` to a COLUMN
 * named x before a lambda parameter x, so a file column called `p` would hijack `p.year`; the
 * name is unusual and fields are read with `x['field']`, which resolves to the lambda parameter.
 */
const PARTS = '__hs_date_parts';

function part(name: string): string {
  return `${PARTS}['${name}']`;
}

function lit(pattern: string): string {
  return quoteString(pattern);
}

function names(groups: readonly string[]): string {
  return `[${groups.map(quoteString).join(', ')}]`;
}

/** Throws unless `value` is a parameter placeholder ($3, $name or ?): user text never gets spliced. */
export function assertPlaceholder(value: string, what: string): void {
  if (!/^(\$\d+|\$[A-Za-z_]\w*|\?)$/.test(value)) {
    throw new Error(`${what} must be a parameter placeholder such as $3, not ${JSON.stringify(value)}.`);
  }
}
