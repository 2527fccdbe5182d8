/**
 * Seconds between two instants of each `filtered` row, on the request's clock:
 * - wall (default): the epoch difference — a daylight-saving night really is 23 or 25 hours;
 * - business: only time inside working intervals (the calendar's weekdays and hours in its
 *   zone, holidays out). A table of the local days of the data's range holds each day's working
 *   interval and the working seconds before it, so working time between two instants is
 *   W(end) − W(start), two equi-joins on the local date — no range join whose cost grows with
 *   the length of each incident. Working hours are local, so "09:00–17:00" is eight hours on a
 *   daylight-saving day too, and a window that contains the change is 1 h shorter or longer;
 * - exclude_on_hold: minus the overlap with on-hold intervals from the timeline (an `on_hold`
 *   event up to the next `resumed`; a hold never resumed runs to the end of the span), counted
 *   on the same clock (for business time: hold ∩ working interval).
 * Rows are identified by (source, external_id), never by a generated row number: a CTE read
 * twice may be evaluated twice, and numbering could differ between the two.
 * Ages at period ends (open_age) follow the business clock too (snapshotClock below); on-hold
 * time is not taken out of them — their label says so.
 */
import type { MetricRequest } from '../request.ts';
import type { Params } from './params.ts';

/** SQL instants over `filtered` columns. */
export interface Span {
  start: string;
  end: string;
}

export interface ClockPlan {
  /** CTEs to append after `filtered`. */
  ctes: string[];
  /** What to select from: `filtered`, or `timed` (= filtered plus `__sec<k>`). */
  from: string;
  /** Per span, the SQL of its seconds over `from`. */
  seconds: string[];
}

export function isWallClock(request: Pick<MetricRequest, 'clock' | 'exclude_on_hold'>): boolean {
  return (request.clock ?? 'wall') === 'wall' && !request.exclude_on_hold;
}

export function clockPlan(request: Pick<MetricRequest, 'clock' | 'exclude_on_hold'>, params: Params, spans: readonly Span[]): ClockPlan {
  if (isWallClock(request) || spans.length === 0) {
    return { ctes: [], from: 'filtered', seconds: spans.map(({ start, end }) => `(epoch(${end}) - epoch(${start}))`) };
  }
  const business = request.clock === 'business';
  const ctes = [`__spans AS (
  ${spans.map(({ start, end }, k) => `SELECT source, external_id, ${k} AS __k, ${start} AS __s, ${end} AS __e FROM filtered WHERE ${start} IS NOT NULL AND ${end} IS NOT NULL AND ${end} >= ${start}`).join('\n  UNION ALL ')})`];
  const tz = business ? params.ref('calendar_tz') : '';
  // Seconds between two instants on this clock: working seconds W(b) − W(a) (two equi-joins on
  // the local date, no range join), or the plain difference.
  const between = (a: string, b: string, da: string, db: string) => (business ? `(${worked(b, db)} - ${worked(a, da)})` : `(epoch(${b}) - epoch(${a}))`);
  const dayOf = (alias: string, instant: string) => `JOIN __days ${alias} ON ${alias}.__d = CAST(timezone(${tz}, ${instant}) AS DATE)`;
  if (business) ctes.push(daysCte(params, '__days', '(SELECT min(__s) AS lo, max(__e) AS hi FROM __spans)'));
  if (request.exclude_on_hold) ctes.push(HOLDS);
  const parts = [business ? 'coalesce(b.__x, 0)' : '(epoch(sp.__e) - epoch(sp.__s))'];
  const joins: string[] = [];
  if (business) {
    ctes.push(`__busy AS (
  SELECT sp.source, sp.external_id, sp.__k, ${between('sp.__s', 'sp.__e', 'da', 'db')} AS __x
  FROM __spans sp ${dayOf('da', 'sp.__s')} ${dayOf('db', 'sp.__e')})`);
    joins.push('LEFT JOIN __busy b ON b.source = sp.source AND b.external_id = sp.external_id AND b.__k = sp.__k');
  }
  if (request.exclude_on_hold) {
    const hs = 'greatest(sp.__s, h.__hs)';
    const he = 'least(sp.__e, h.__he)';
    ctes.push(`__held AS (
  SELECT sp.source, sp.external_id, sp.__k, sum(${between(hs, he, 'da', 'db')}) AS __x
  FROM __spans sp JOIN __holds h ON h.source = sp.source AND h.external_id = sp.external_id AND h.__hs < sp.__e AND h.__he > sp.__s
  ${business ? `${dayOf('da', hs)} ${dayOf('db', he)}` : ''}
  GROUP BY sp.source, sp.external_id, sp.__k)`);
    parts.push('coalesce(x.__x, 0)');
    joins.push('LEFT JOIN __held x ON x.source = sp.source AND x.external_id = sp.external_id AND x.__k = sp.__k');
  }
  ctes.push(`__clocked AS (SELECT sp.source, sp.external_id, sp.__k, ${parts.join(' - ')} AS __sec FROM __spans sp ${joins.join(' ')})`);
  const pivot = spans.map((_, k) => `max(__sec) FILTER (WHERE __k = ${k}) AS __sec${k}`).join(', ');
  ctes.push(`timed AS (
  SELECT f.*, ${spans.map((_, k) => `c.__sec${k}`).join(', ')}
  FROM filtered f LEFT JOIN (SELECT source, external_id, ${pivot} FROM __clocked GROUP BY source, external_id) c
    ON c.source = f.source AND c.external_id = f.external_id)`);
  return { ctes, from: 'timed', seconds: spans.map((_, k) => `__sec${k}`) };
}

/** Working seconds from the start of the calendar table up to `instant`, on local day row `day`. */
function worked(instant: string, day: string): string {
  return `(${day}.__cum + CASE WHEN ${day}.__ws IS NULL THEN 0 ELSE greatest(0, least(epoch(${instant}), epoch(${day}.__we)) - epoch(${day}.__ws)) END)`;
}

/**
 * What a snapshot's age (now or a period's end minus opened_at) needs on the business clock:
 * working seconds W(at) − W(opened_at) from a day table over [the first opening, now] (every
 * period end is at or before now). `periods` and `base` replace the snapshot's FROM items with
 * the same rows plus W(__at) as __w_at and W(opened_at) as __w_open; LEFT JOINs, so a period or
 * an incident outside the table keeps its row (with a NULL age) and counts still count it.
 * Null on the wall clock: ages are then the plain epoch difference.
 */
export interface SnapshotClock {
  ctes: string[];
  periods: string;
  base: string;
  /** SQL of the age in seconds over `p` and `b`. */
  age: string;
}

export function snapshotClock(request: Pick<MetricRequest, 'clock'>, params: Params): SnapshotClock | null {
  if ((request.clock ?? 'wall') !== 'business') return null;
  const tz = params.ref('calendar_tz');
  const range = `(SELECT min(opened_at) AS lo, CAST(${params.ref('now')} AS TIMESTAMPTZ) AS hi FROM base)`;
  const day = (alias: string, instant: string) => `LEFT JOIN __age_days ${alias} ON ${alias}.__d = CAST(timezone(${tz}, ${instant}) AS DATE)`;
  return {
    ctes: [daysCte(params, '__age_days', range)],
    periods: `(SELECT pp.*, ${worked('pp.__at', 'dp')} AS __w_at FROM periods pp ${day('dp', 'pp.__at')})`,
    base: `(SELECT bb.*, ${worked('bb.opened_at', 'db')} AS __w_open FROM base bb ${day('db', 'bb.opened_at')})`,
    age: '(p.__w_at - b.__w_open)',
  };
}

/**
 * `name`: one row per local day of the range (lo, hi from `range`, ± 1 day): its working interval
 * [__ws, __we) as instants (NULL on weekends and holidays) and __cum, the working seconds of all
 * days before it.
 */
function daysCte(params: Params, name: string, range: string): string {
  const tz = params.ref('calendar_tz');
  const working = `list_contains(from_json(${params.ref('workdays')}, '["INTEGER"]'), isodow(d))
        AND NOT list_contains(from_json(${params.ref('holidays')}, '["VARCHAR"]'), strftime(d, '%Y-%m-%d'))`;
  return `${name} AS (
  SELECT CAST(d AS DATE) AS __d, __ws, __we,
         coalesce(sum(epoch(__we) - epoch(__ws)) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS __cum
  FROM (
    SELECT d,
      CASE WHEN ${working} THEN timezone(${tz}, d + to_minutes(CAST(${params.ref('work_start_min')} AS INTEGER))) END AS __ws,
      CASE WHEN ${working} THEN timezone(${tz}, d + to_minutes(CAST(${params.ref('work_end_min')} AS INTEGER))) END AS __we
    FROM ${range} r,
         unnest(generate_series(date_trunc('day', timezone(${tz}, r.lo)) - INTERVAL 1 DAY, date_trunc('day', timezone(${tz}, r.hi)) + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS t(d)
    WHERE r.lo IS NOT NULL))`;
}

// A hold starts at an on_hold that does not follow another on_hold and ends at the next
// resumed (events at one instant sort on_hold before resumed); never resumed: open-ended.
const HOLDS = `__holds AS (
  SELECT source, external_id, occurred_at AS __hs, coalesce(next_resumed, CAST('infinity' AS TIMESTAMPTZ)) AS __he
  FROM (
    SELECT source, external_id, occurred_at, kind,
           lag(kind) OVER (PARTITION BY source, external_id ORDER BY occurred_at, kind) AS previous_kind,
           min(CASE WHEN kind = 'resumed' THEN occurred_at END) OVER (
             PARTITION BY source, external_id ORDER BY occurred_at, kind ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_resumed
    FROM incident_events WHERE kind IN ('on_hold', 'resumed')
  ) WHERE kind = 'on_hold' AND previous_kind IS DISTINCT FROM 'on_hold')`;
