/**
 * Pure: the bounded JQL a sync sends. Jira's /search/jql refuses unbounded queries, and JQL date
 * literals (`"yyyy-MM-dd HH:mm"`) are read in the calling user's time zone with minute
 * precision — so the cursor is rendered in that zone (GET /myself) and rounded down to the
 * minute, which only ever widens the window (the upsert makes the re-read free).
 */
export function boundedJql(base: string, from: Date | null, zone: string): string {
  const bound = from ? ` AND updated >= "${jqlDate(from, zone)}"` : '';
  return `(${base})${bound} ORDER BY updated ASC`;
}

/** `2024-05-01 07:15` for the instant as a wall clock in `zone`. */
export function jqlDate(instant: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
