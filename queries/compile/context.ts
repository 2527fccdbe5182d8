/**
 * What a compiled query needs besides the request: the clock and the organisation's settings
 * (business calendar, communication plan, review and recurrence windows). Passed in — never
 * read from globals — so tests pin them and hindsight.yaml (server/config.ts) can change them.
 * Windows are in seconds so a config may say `36h` as well as `7d`. Each documents its default.
 */
export interface BusinessCalendar {
  /** IANA zone the working hours are in. Default UTC. */
  tz: string;
  /** ISO weekdays that are working days, 1 = Monday. Default Monday–Friday. */
  workdays: number[];
  /** Working hours, local 'HH:MM', start inclusive, end exclusive ('24:00' = midnight). Default 09:00–17:00. */
  start: string;
  end: string;
  /** Local dates 'YYYY-MM-DD' that are not working days. Default none. */
  holidays: string[];
}

export interface CompileContext {
  /** The clock: what "now" is for open backlogs, overdue items, windows and censoring. */
  now: Date;
  calendar: BusinessCalendar;
  /**
   * Communication plan: the longest allowed silence between stakeholder updates, in seconds, by
   * severity rank. Severities without an entry are outside the cadence metric. Default SEV1
   * 30 min, SEV2 60 min.
   */
  updateIntervals: Record<number, number>;
  /** Seconds after resolution a post-incident review is due. Default 7 days. */
  reviewWindowSeconds: number;
  /**
   * Incidents resolved at or before this instant (epoch microseconds) are past their review
   * window (`:review_cutoff_us`). Default: now minus the window. The server passes the latest
   * resolution at or before that instant instead (queries/review-cutoff.ts), which selects
   * exactly the same incidents and stays the same until the next window closes.
   */
  reviewCutoffUs?: number;
  /** Seconds within which the same service and root cause count as a recurrence. Default 30 days. */
  recurrenceWindowSeconds: number;
}

export const DEFAULT_CALENDAR: BusinessCalendar = { tz: 'UTC', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] };

const DAY = 86_400;

export function defaultContext(now: Date = new Date()): CompileContext {
  return { now, calendar: DEFAULT_CALENDAR, updateIntervals: { 1: 1800, 2: 3600 }, reviewWindowSeconds: 7 * DAY, recurrenceWindowSeconds: 30 * DAY };
}

/** Now minus the review window, in epoch microseconds (the default `:review_cutoff_us`). */
export function reviewCutoffAt(now: Date, reviewWindowSeconds: number): number {
  return now.getTime() * 1000 - Math.round(reviewWindowSeconds * 1_000_000);
}

/** The plan as a list indexed by rank (1-based in SQL), null where a rank has no interval. */
export function updateIntervalList(intervals: Record<number, number>): Array<number | null> {
  const ranks = Object.keys(intervals).map(Number).filter((rank) => Number.isInteger(rank) && rank >= 1);
  const top = ranks.length ? Math.max(...ranks) : 0;
  return Array.from({ length: top }, (_, i) => intervals[i + 1] ?? null);
}

/** 'HH:MM' → minutes after local midnight ('24:00' → 1440). The config validates the text. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
