/**
 * PagerDuty Analytics renders timestamps without an offset (`2023-05-31T10:05:00`), meaning the
 * `time_zone` of the request. Acknowledge and resolve times are derived by adding seconds
 * (`seconds_to_first_ack`), which is only right on absolute instants: adding 3600 s to a wall
 * time across a daylight-saving change lands an hour off. So this profile turns wall times into
 * UTC instants itself, with the same rules as DuckDB's ICU `timezone(zone, TIMESTAMP)` used by
 * the shared typing step (see ingest/dates/dst.ts):
 *
 * - a wall time inside a spring-forward gap uses the offset in force before the gap;
 * - a wall time in the repeated fall-back hour is the LATER occurrence.
 *
 * Values that already carry an offset (`Z`, `+02:00`, `+0200`) name an instant and are read as such.
 */
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const WITH_OFFSET = /(Z|[+-]\d\d:?\d\d)$/i;
const HOUR_MS = 3_600_000;

/** Epoch milliseconds of `text` read in `zone`, or null when it is not an ISO-like timestamp. */
export function instantIn(text: string, zone: string): number | null {
  const value = text.trim();
  if (WITH_OFFSET.test(value)) {
    const ms = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
    return Number.isNaN(ms) ? null : ms;
  }
  const match = NAIVE.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac] = match;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +(s ?? 0), Math.floor(+`0.${frac ?? '0'}` * 1000));
  if (Number.isNaN(wall)) return null;
  // At most one transition lies within 12 hours either side, so the two offsets around the wall
  // time are the only candidates.
  const before = offsetAt(wall - 12 * HOUR_MS, zone);
  const after = offsetAt(wall + 12 * HOUR_MS, zone);
  const valid = [wall - before, wall - after].filter((instant) => instant + offsetAt(instant, zone) === wall);
  if (valid.length === 0) return wall - before; // in a gap
  return Math.max(...valid); // in an overlap, the later occurrence
}

/** ISO 8601 UTC text (`…Z`) of an instant plus `seconds`. */
export function isoPlusSeconds(instant: number, seconds = 0): string {
  return new Date(instant + seconds * 1000).toISOString();
}

/** The zone's UTC offset (ms) at an instant, from Intl (the ICU data Node ships). */
function offsetAt(instant: number, zone: string): number {
  const parts = formatter(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let cached = formatters.get(zone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, cached);
  }
  return cached;
}
