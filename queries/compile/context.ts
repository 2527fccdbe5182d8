/**
 * What a compiled query needs besides the request: the clock and the organisation's settings
 * (business calendar, communication plan, review and recurrence windows). Passed in — never
 * read from globals — so tests pin them and hindsight.yaml can change them. Each documents its
 * default.
 */
export interface BusinessCalendar {
  /** IANA zone the working hours are in. Default UTC. */
  tz: string;
  /** ISO weekdays that are working days, 1 = Monday. Default Monday–Friday. */
  workdays: number[];
  /** Working hours, local 'HH:MM', start inclusive, end exclusive. Default 09:00–17:00. */
  start: string;
  end: string;
  /** Local dates 'YYYY-MM-DD' that are not working days. Default none. */
  holidays: string[];
}

export interface CompileContext {
  /** The clock: what "now" is for open backlogs, overdue items and windows. */
  now: Date;
  calendar: BusinessCalendar;
  /** Communication plan: the longest gap between stakeholder updates, in minutes, by severity rank. Default SEV1 30, SEV2 60. */
  cadenceMinutes: Record<number, number>;
  /** Days after resolution a post-incident review is due. Default 7. */
  reviewDays: number;
  /** Days within which the same service and root cause count as a recurrence. Default 30. */
  recurrenceDays: number;
}

export const DEFAULT_CALENDAR: BusinessCalendar = { tz: 'UTC', workdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] };

export function defaultContext(now: Date = new Date()): CompileContext {
  return { now, calendar: DEFAULT_CALENDAR, cadenceMinutes: { 1: 30, 2: 60 }, reviewDays: 7, recurrenceDays: 30 };
}
