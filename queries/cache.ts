/**
 * Answers kept in memory for repeated identical requests on unchanged data (the dashboard asks
 * the same questions on every load). Keyed by what determines an answer: the normalised request
 * — for metrics, the compiled SQL and its bound parameters, so two spellings of one request share
 * an entry — and the data version (queries/data-version.ts), which every writer bumps in its
 * own transaction. A new version empties the cache before anything is read from it.
 *
 * Bounded: at most `maxEntries` answers, least recently used evicted first. In-flight work is
 * shared (the entry is the promise); a failed computation is removed, never cached, and its
 * error still reaches every caller.
 * Hazard: an answer that depends on "now" must carry now in its key; callers pass a clock
 * truncated to the minute (server/routes/context.ts), so "now" answers are reused within a minute.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { dataVersion } from './data-version.ts';

export class ResultCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private version: number | null = null;
  hits = 0;
  misses = 0;

  /** Default 500 answers. */
  constructor(readonly maxEntries = 500) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  async remember<T>(connection: DuckDBConnection, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await dataVersion(connection);
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key); // re-insert: Map order is the recency order
      this.entries.set(key, found);
      this.hits++;
      return found as Promise<T>;
    }
    this.misses++;
    const pending = compute();
    this.entries.set(key, pending);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // Only forgets the entry: the caller awaits `pending` itself and sees the rejection.
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    return pending;
  }
}
