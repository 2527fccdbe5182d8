/**
 * The one HTTP client every connector uses: GET JSON with retries, backoff with jitter, the
 * vendor's Retry-After / rate-limit-reset headers honoured, and bounded concurrency.
 *
 * Guarantees and the hazards behind them:
 * - 429 (and GitHub's rate-limit 403) waits exactly as long as the server asks (rate-limit.ts);
 *   while one request waits, new requests of the same source wait too, so a burst of parallel
 *   per-issue fetches doesn't hammer a server that just said "slow down".
 * - 5xx and network failures are retried with exponential backoff and jitter, `retries` times.
 * - 401, and 403 that is not a rate limit, fail at once (AuthError): retrying bad credentials
 *   only locks accounts.
 * - A wait longer than `maxWaitMs` fails the run with a sentence instead of hanging for hours.
 * - Credentials go only to the configured origin: a Link header pointing elsewhere is refused
 *   rather than followed with our token attached.
 * - Clock, sleep, randomness and fetch are injected, so tests assert the waits without waiting.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { AuthError, MalformedPageError, VendorError, reasonOf } from './errors.ts';
import { Limiter } from './limit.ts';
import { backoffMs, isRateLimited, remaining, resetInstant, serverWaitMs } from './rate-limit.ts';

export interface WaitEvent {
  ms: number;
  reason: 'rate_limit' | 'server_error' | 'network';
  url: string;
  status: number | null;
}

export interface HttpDeps {
  /** Default: global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Default: a real timer that the signal cancels. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch milliseconds; default Date.now (reset headers are absolute times). */
  now?: () => number;
  /** Default Math.random (jitter only). */
  random?: () => number;
  /** Aborts requests and waits (a killed sync, a server shutting down). */
  signal?: AbortSignal;
  onWait?: (wait: WaitEvent) => void;
}

export interface HttpTuning {
  /** Retries after a 5xx or network failure; rate-limit waits get twice as many. Default 5. */
  retries: number;
  /** First backoff step; doubles per retry up to maxDelayMs. Default 1 s, max 60 s. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest wait a sync accepts from a server before failing. Default 15 minutes. */
  maxWaitMs: number;
  /** Requests in flight at once per source. Default 4. */
  concurrency: number;
  /** Wait after a rate limit that names no time (GitHub says: at least 60 s). Default 1 s. */
  minRateLimitWaitMs: number;
}

export const DEFAULT_TUNING: HttpTuning = {
  retries: 5, baseDelayMs: 1000, maxDelayMs: 60_000, maxWaitMs: 15 * 60_000, concurrency: 4, minRateLimitWaitMs: 1000,
};

export interface HttpIdentity {
  vendor: string;
  source: string;
  /** The only origin credentials are sent to (the configured base URL's). */
  origin: string;
  headers: Record<string, string>;
  /** Names of the environment variables holding the credentials (for the 401 sentence). */
  credentialEnv: readonly string[];
}

export interface JsonResponse {
  url: string;
  status: number;
  headers: Headers;
  body: unknown;
}

const RETRYABLE = new Set([500, 502, 503, 504]);

export class HttpClient {
  /** Responses received (any status), waits taken and their total, for summaries. */
  requests = 0;
  waits = 0;
  waitedMs = 0;
  private gate: Promise<unknown> = Promise.resolve();
  private readonly limiter: Limiter;
  private readonly tuning: HttpTuning;

  constructor(private readonly identity: HttpIdentity, tuning: Partial<HttpTuning> = {}, private readonly deps: HttpDeps = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.limiter = new Limiter(this.tuning.concurrency);
  }

  get vendor(): string {
    return this.identity.vendor;
  }

  /**
   * GET `url` as JSON. `accept` lists error statuses the caller handles itself (a named case such
   * as ServiceNow's 404 for "no rows"); their body is returned parsed when it is JSON, else null.
   */
  async getJson(url: string, options: { accept?: readonly number[] } = {}): Promise<JsonResponse> {
    if (new URL(url).origin !== this.identity.origin) {
      throw new VendorError(this.identity.source, this.identity.vendor, url, `refusing to send credentials to ${new URL(url).origin}, which is not the configured ${this.identity.origin}.`);
    }
    let failures = 0;
    let limited = 0;
    for (;;) {
      await this.gate;
      let reply: { status: number; headers: Headers; text: string };
      try {
        reply = await this.limiter.run(() => this.send(url));
      } catch (error) {
        if (this.deps.signal?.aborted || !isNetworkError(error)) throw error;
        failures += 1;
        if (failures > this.tuning.retries) {
          throw new VendorError(this.identity.source, this.identity.vendor, url, `no answer after ${failures} attempts (${reasonOf(error)}).`, { cause: error });
        }
        await this.pause(this.backoff(failures - 1), 'network', url, null);
        continue;
      }
      this.requests += 1;
      const { status, headers, text } = reply;
      if (status >= 200 && status < 300) {
        this.watchBudget(headers, url);
        return { url, status, headers, body: this.parse(url, text) };
      }
      if (isRateLimited(status, headers, text)) {
        limited += 1;
        if (limited > this.tuning.retries * 2) this.fail(url, `still rate-limited after ${limited - 1} waits (HTTP ${status}).`);
        const asked = serverWaitMs(headers, status, this.now());
        await this.pause(this.checked(url, asked ?? Math.max(this.tuning.minRateLimitWaitMs, this.backoff(limited - 1))), 'rate_limit', url, status);
        continue;
      }
      if (status === 401 || status === 403) throw new AuthError(this.identity.source, this.identity.vendor, status, this.identity.credentialEnv);
      if (options.accept?.includes(status)) return { url, status, headers, body: tryParse(text) };
      if (RETRYABLE.has(status)) {
        failures += 1;
        if (failures > this.tuning.retries) this.fail(url, `HTTP ${status} after ${failures} attempts${messageOf(text)}.`);
        // A 503 may say when to come back (Jira, ServiceNow maintenance).
        const asked = serverWaitMs(headers, status, this.now());
        await this.pause(this.checked(url, asked ?? this.backoff(failures - 1)), 'server_error', url, status);
        continue;
      }
      this.fail(url, `HTTP ${status}${messageOf(text)}.`);
    }
  }

  private async send(url: string): Promise<{ status: number; headers: Headers; text: string }> {
    const fetchImpl = this.deps.fetch ?? globalThis.fetch;
    const response = await fetchImpl(url, {
      headers: { Accept: 'application/json', 'User-Agent': 'hindsight-sync', ...this.identity.headers },
      signal: this.deps.signal,
    });
    // The body is read inside the concurrency slot: a half-read response still holds a socket.
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  private parse(url: string, text: string): unknown {
    if (text.trim() === '') throw new MalformedPageError(this.identity.source, this.identity.vendor, url, 'the body is empty.');
    try {
      return JSON.parse(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new MalformedPageError(this.identity.source, this.identity.vendor, url, `not JSON (${error.message}).`);
    }
  }

  /** A successful answer that spends the last of the budget: wait for the reset before the next request. */
  private watchBudget(headers: Headers, url: string): void {
    const reset = headers.get('x-ratelimit-reset');
    if (remaining(headers) !== 0 || reset === null) return;
    const at = resetInstant(reset, this.now());
    if (at === null || at <= this.now()) return;
    // Not awaited: the next request queues behind the pause (the gate). An abort that ends the
    // pause surfaces from that request's own fetch, so this rejection needs no second report.
    this.pause(this.checked(url, at - this.now()), 'rate_limit', url, null).catch(ignoreAbort);
  }

  private async pause(ms: number, reason: WaitEvent['reason'], url: string, status: number | null): Promise<void> {
    this.waits += 1;
    this.waitedMs += ms;
    this.deps.onWait?.({ ms, reason, url, status });
    const sleep = this.deps.sleep ?? ((wait: number, signal?: AbortSignal) => delay(wait, undefined, { signal }));
    const waiting = sleep(ms, this.deps.signal);
    // Requests that start while we wait queue behind this pause (and any other in progress).
    this.gate = Promise.all([this.gate, waiting.catch(ignoreAbort)]);
    await waiting;
  }

  private checked(url: string, ms: number): number {
    if (ms > this.tuning.maxWaitMs) {
      this.fail(url, `rate limited: ${this.identity.vendor} asks to wait ${duration(ms)}, longer than the ${duration(this.tuning.maxWaitMs)} a sync waits; run it again later.`);
    }
    return ms;
  }

  private backoff(attempt: number): number {
    return backoffMs(attempt, this.tuning.baseDelayMs, this.tuning.maxDelayMs, this.deps.random ?? Math.random);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private fail(url: string, reason: string): never {
    throw new VendorError(this.identity.source, this.identity.vendor, url, reason);
  }
}

/** undici reports refused / reset / dropped connections (also mid-body) as TypeError. */
function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null; // named case: an error page that is not JSON
    throw error;
  }
}

/** The vendor's own error text, when its error body has one: `: "Unbounded JQL…"`. */
function messageOf(text: string): string {
  const body = tryParse(text) as Record<string, unknown> | null;
  if (!body || typeof body !== 'object') return '';
  const error = body.error as Record<string, unknown> | string | undefined;
  const candidates = [
    Array.isArray(body.errorMessages) ? body.errorMessages[0] : undefined, // Jira
    typeof error === 'object' && error ? error.message : error, // ServiceNow, PagerDuty, Statuspage
    typeof error === 'object' && error && Array.isArray(error.errors) ? error.errors[0] : undefined, // PagerDuty details
    body.message, // GitHub
  ].filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  return candidates.length ? `: "${[...new Set(candidates)].join(' ').slice(0, 300)}"` : '';
}

export function duration(ms: number): string {
  if (ms < 90_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/**
 * Named case: an aborted sleep rejects with AbortError, and the abort is reported by the
 * request that was waiting behind it. Anything else is unexpected and is rethrown.
 */
function ignoreAbort(error: unknown): void {
  if (error instanceof Error && error.name === 'AbortError') return;
  throw error;
}
