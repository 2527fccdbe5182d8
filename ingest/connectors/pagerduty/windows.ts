/**
 * Pure: since/until windows. PagerDuty answers at most 6 months per request and reaches at most
 * offset + limit = 10,000 records per query, so a range is cut into windows of the configured
 * length, and a window that still holds too many records is halved (pages.ts) until each half fits.
 */
export interface Window {
  /** Epoch ms, inclusive. */
  since: number;
  /** Epoch ms, exclusive. */
  until: number;
}

export function slices(since: number, until: number, size: number): Window[] {
  const windows: Window[] = [];
  for (let start = since; start < until; start += size) windows.push({ since: start, until: Math.min(until, start + size) });
  return windows;
}

export function halves(window: Window): [Window, Window] | null {
  const middle = Math.floor((window.since + window.until) / 2);
  if (middle <= window.since) return null;
  return [{ since: window.since, until: middle }, { since: middle, until: window.until }];
}

export const iso = (ms: number) => new Date(ms).toISOString();
