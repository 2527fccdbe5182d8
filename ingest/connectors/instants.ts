/**
 * Cursor arithmetic on instants. Cursors are stored as UTC ISO text so any two compare as
 * instants whatever zone the vendor rendered them in (Jira `+0700`, PagerDuty `-07:00`).
 */

/** The later of the current cursor and the given instants (ms; NaN ignored), as ISO, or null. */
export function laterIso(current: string | null, millis: readonly number[]): string | null {
  let best = current === null ? Number.NEGATIVE_INFINITY : Date.parse(current);
  for (const ms of millis) if (Number.isFinite(ms) && ms > best) best = ms;
  return Number.isFinite(best) ? new Date(best).toISOString() : current;
}

/** A stored cursor minus the overlap window (an unreadable cursor throws CursorError). */
export function minus(source: string, cursor: string, ms: number): Date {
  return new Date(cursorDate(source, cursor).getTime() - ms);
}

/** Milliseconds of an ISO-ish timestamp, also with an offset without a colon (`+0700`); NaN if unreadable. */
export function isoMillis(value: unknown): number {
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  return Date.parse(value.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored cursor as an instant; an unreadable one stops the run with what to do. */
export function cursorDate(source: string, cursor: string): Date {
  const ms = Date.parse(cursor);
  if (Number.isNaN(ms)) throw new CursorError(source, cursor);
  return new Date(ms);
}

export class CursorError extends Error {
  override readonly name = 'CursorError';
  constructor(source: string, cursor: string) {
    super(`${source}: the stored sync cursor ${JSON.stringify(cursor)} is not readable; run \`hindsight sync ${source} --full\` to start over.`);
  }
}
