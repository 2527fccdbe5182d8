/**
 * Flags for naive times that daylight-saving transitions make unclear. What DuckDB's ICU
 * `timezone(zone, TIMESTAMP)` does with them (measured on DuckDB 1.5.6, see test/ingest/dates):
 *
 * - A time in the spring-forward GAP does not exist. DuckDB does not fail or return NULL: it
 *   applies the offset in force before the gap, so the instant lands as far past the gap's
 *   start as the wall time said. Europe/London 2026-03-29 01:30 → 01:30Z (= 02:30 BST);
 *   America/New_York 2026-03-08 02:30 → 07:30Z (= 03:30 EDT).
 * - A time in the repeated fall-back hour happens twice. DuckDB picks the LATER occurrence
 *   (standard time). Europe/London 2026-10-25 01:30 → 01:30Z (not 00:30Z);
 *   America/New_York 2026-11-01 01:30 → 06:30Z (not 05:30Z).
 *
 * Both results are kept (the usual convention, and at most one shift off), and the caller may
 * add a quality flag so such records can be checked.
 */
import type { DateColumnPlan } from './plan.ts';
import { assertPlaceholder, bindOnce, localTimestampSql, type TimestampSqlOptions } from './sql.ts';

/** What dstFlagSql yields for a value. */
export type DstFlag = 'dst_gap' | 'dst_overlap';

const LOCAL = '__hs_local';
const INSTANT = '__hs_instant';

/**
 * SQL yielding 'dst_gap' (the local time does not exist in the zone), 'dst_overlap' (it exists
 * twice; the later one was used) or NULL, for the same value, plan and options as timestampSql.
 * Values with an offset and epochs are never flagged: they name an instant.
 *
 * How: a gap time does not survive the round trip local → UTC → local. An overlap time does,
 * but so does the instant 1 hour (or 30 minutes: Lord Howe Island) earlier. Shifts of other
 * sizes (Antarctica/Troll's 2 h) are not detected.
 */
export function dstFlagSql(valueExpr: string, plan: DateColumnPlan, tzParam: string, options: TimestampSqlOptions = {}): string {
  assertPlaceholder(tzParam, 'tzParam');
  const earlier = (interval: string) => `timezone(${tzParam}, ${INSTANT} - INTERVAL ${interval}) = ${LOCAL}`;
  const verdict = `CASE WHEN ${LOCAL} IS NULL THEN NULL
    WHEN timezone(${tzParam}, ${INSTANT}) <> ${LOCAL} THEN 'dst_gap'
    WHEN ${earlier('1 HOUR')} OR ${earlier('30 MINUTE')} THEN 'dst_overlap' END`;
  // The zone is mentioned even when the plan has no naive shape (see sql.ts on unused bindings).
  return bindOnce(localTimestampSql(valueExpr, plan, options), LOCAL, bindOnce(`timezone(${tzParam}, ${LOCAL})`, INSTANT, verdict));
}
