/**
 * Pure: how long a vendor asks us to wait, from its response headers, and how long to back off
 * when it says nothing. Every vendor spells it differently (api-contracts.md, cross-vendor notes):
 *
 *   Retry-After            seconds, or an HTTP date (Jira, ServiceNow, GitHub secondary limits, 503s)
 *   X-RateLimit-Reset      epoch seconds (GitHub, ServiceNow) or an ISO timestamp (Jira)
 *   ratelimit-reset        seconds to wait (PagerDuty, IETF draft)
 *
 * Retry-After wins when present: it is the server's own answer for this request. A reset time
 * only counts when the budget is spent (remaining 0) or the answer is a 429, because GitHub
 * sends X-RateLimit-Reset on every response, including successful ones.
 */

export interface HeaderReader {
  get(name: string): string | null;
}

/** A 429, or GitHub's 403 that is really a rate limit (budget spent, Retry-After, or its message). */
export function isRateLimited(status: number, headers: HeaderReader, body: string): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return remaining(headers) === 0 || headers.get('retry-after') !== null || /rate limit/i.test(body);
}

/** Milliseconds the server asks for, or null when it names no time. Never negative. */
export function serverWaitMs(headers: HeaderReader, status: number, nowMs: number): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const wait = retryAfterMs(retryAfter, nowMs);
    if (wait !== null) return wait;
  }
  if (status !== 429 && remaining(headers) !== 0) return null;
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null) {
    const at = resetInstant(reset, nowMs);
    if (at !== null) return Math.max(0, at - nowMs);
  }
  const seconds = headers.get('ratelimit-reset');
  if (seconds !== null && /^\d+(\.\d+)?$/.test(seconds.trim())) return Math.round(Number(seconds) * 1000);
  return null;
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries from
 * many clients spread out but none retries immediately. attempt 0 → up to baseMs.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/** The budget left after this response (x-ratelimit-remaining or ratelimit-remaining), or null. */
export function remaining(headers: HeaderReader): number | null {
  const value = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

function retryAfterMs(value: string, nowMs: number): number | null {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/**
 * Epoch seconds (GitHub, ServiceNow), epoch milliseconds, a small number of seconds to wait,
 * or an ISO timestamp (Jira: `2024-05-01T10:15Z`). Below 1e9 a number can't be a recent epoch
 * (1e9 s is 2001), so it is read as seconds to wait.
 */
export function resetInstant(value: string, nowMs: number): number | null {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n >= 1e12) return n;
    if (n >= 1e9) return n * 1000;
    return nowMs + n * 1000;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}
