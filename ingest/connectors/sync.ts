/**
 * `hindsight sync` for one source: page through the vendor's API (the connector), write each
 * batch of raw payloads to a private temporary NDJSON file, and import it with the vendor's file
 * profile under `source = <config name>`, the cursor it covers committed in the same transaction.
 *
 * What that guarantees:
 * - A crash or kill loses nothing and duplicates nothing: every batch is one transaction of data
 *   and cursor; the next run re-reads from the last committed cursor, and the upsert rewrites
 *   only records that changed (re-reading the overlap is free).
 * - A failure (401, malformed page, retries exhausted) stops the run before the batch holding
 *   the fault is written; earlier batches stay, each consistent with its cursor.
 * - One sync per source at a time in this process; across processes DuckDB's single writer
 *   already guarantees it.
 * - Each run, successful or not, is one row in import_runs (kind 'sync').
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../queries/errors.ts';
import { importFile } from '../import-file.ts';
import { capMemory, IMPORT_MEMORY_LIMIT } from '../memory-cap.ts';
import { recordRun } from '../runs.ts';
import { applySyncSettings, SYNC_CHECKPOINT_THRESHOLD, SYNC_THREADS } from '../sync-settings.ts';
import type { Scheme } from '../scheme.ts';
import { batchesOf } from './batches.ts';
import type { SourceConfig } from './config.ts';
import { commitCursor, openIncidentIds, readCursor, registerSource, writeCursor } from './cursor-store.ts';
import { reasonOf } from './errors.ts';
import { HttpClient, type HttpDeps, type WaitEvent } from './http.ts';
import { connectorFor } from './registry.ts';
import { readCredentials } from './secrets.ts';
import type { Page } from './types.ts';

export interface SyncOptions {
  /** Ignore the stored cursor and re-read everything (from `start`). Default false. */
  full?: boolean;
  /** Injected clock: run start, imported_at / updated_at, cursor timestamps. Default: now. */
  now?: () => Date;
  /** Where credentials are read (auth.*_env). Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** fetch, sleep, random, signal for the HTTP client (tests inject them). */
  http?: Omit<HttpDeps, 'onWait'>;
  /** Severity / status words from hindsight.yaml. */
  scheme?: Partial<Scheme>;
  onProgress?: (event: SyncProgress) => void;
  /** Parent of the private temporary folder. Default: the OS temp folder. */
  tmpDir?: string;
  /** DuckDB threads while the sync runs (sync-settings.ts), never raised; null leaves them. Default SYNC_THREADS (1). */
  threads?: number | null;
  /** DuckDB's checkpoint threshold while the sync runs (sync-settings.ts), never lowered; null leaves it. Default SYNC_CHECKPOINT_THRESHOLD (128MiB). */
  checkpointThreshold?: string | null;
}

export type SyncProgress =
  | { kind: 'page'; source: string; pages: number; records: number; total: number | null }
  | { kind: 'wait'; source: string; ms: number; reason: WaitEvent['reason'] }
  | { kind: 'stored'; source: string; batches: number; inserted: number; updated: number }
  | { kind: 'note'; source: string; text: string };

export interface SyncSummary {
  source: string;
  type: string;
  vendor: string;
  mode: 'full' | 'incremental';
  pages: number;
  requests: number;
  /** Records fetched and stored (a record fetched twice in one batch counts once). */
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  flagged: number;
  events: number;
  eventsRejected: number;
  batches: number;
  waits: number;
  waitedMs: number;
  /** The cursor stored after the run. */
  cursor: string | null;
  notes: string[];
  runId: number;
}

const RUNNING = new Set<string>();

export async function syncSource(connection: DuckDBConnection, source: SourceConfig, options: SyncOptions = {}): Promise<SyncSummary> {
  if (RUNNING.has(source.name)) throw new InputError(`${source.name}: a sync of this source is already running.`);
  const connector = connectorFor(source);
  const clock = options.now ?? (() => new Date());
  const progress = options.onProgress ?? (() => {});
  const startedAt = clock();
  const summary: SyncSummary = {
    source: source.name, type: source.type, vendor: connector.vendor, mode: 'full', pages: 0, requests: 0, records: 0,
    inserted: 0, updated: 0, unchanged: 0, flagged: 0, events: 0, eventsRejected: 0, batches: 0, waits: 0, waitedMs: 0,
    cursor: null, notes: [], runId: 0,
  };
  RUNNING.add(source.name);
  const dir = mkdtempSync(join(options.tmpDir ?? tmpdir(), 'hindsight-sync-'));
  let http: HttpClient | null = null;
  let restoreMemory = async () => {};
  let restoreSettings = async () => {};
  try {
    // Once for the whole run, not per batch: setting DuckDB's cap back cost ~16 ms a batch.
    restoreMemory = await capMemory(connection, IMPORT_MEMORY_LIMIT);
    restoreSettings = await applySyncSettings(connection, {
      threads: options.threads === undefined ? SYNC_THREADS : options.threads,
      checkpointThreshold: options.checkpointThreshold === undefined ? SYNC_CHECKPOINT_THRESHOLD : options.checkpointThreshold,
    });
    // Inside the try: a missing variable is a failed run in import_runs too (a scheduled sync
    // has no terminal to say it on); `hindsight sync` checks them before opening the database.
    const credentials = readCredentials(source, options.env);
    await registerSource(connection, source.name, source.type);
    const stored = await readCursor(connection, source.name);
    const cursor = options.full ? null : stored;
    summary.mode = cursor === null ? 'full' : 'incremental';
    summary.cursor = stored;
    http = new HttpClient(
      { vendor: connector.vendor, source: source.name, origin: new URL(source.base_url).origin, headers: connector.headers(source, credentials), credentialEnv: credentials.envNames },
      { ...connector.tuning, concurrency: source.concurrency },
      { ...options.http, onWait: (wait) => progress({ kind: 'wait', source: source.name, ms: wait.ms, reason: wait.reason }) },
    );
    const pages = connector.read({
      source, http, cursor, now: startedAt,
      openIncidentIds: () => openIncidentIds(connection, source.name),
      note: (text) => {
        summary.notes.push(text);
        progress({ kind: 'note', source: source.name, text });
      },
    });
    for await (const batch of batchesOf(counted(pages, summary, progress), (record) => connector.key(record), source.batch_size)) {
      const at = clock();
      if (batch.records.length === 0) {
        if (batch.cursor !== null) await commitCursor(connection, source.name, batch.cursor, at);
      } else {
        const file = join(dir, `batch-${summary.batches + 1}.ndjson`);
        // 0600 in a 0700 folder: the payloads may hold personal data (names, emails).
        writeFileSync(file, `${connector.lines(batch.records, batch.meta, source).map((line) => JSON.stringify(line)).join('\n')}\n`, { mode: 0o600 });
        try {
          const result = await importFile(connection, {
            file, profile: connector.profile, source: source.name, now: () => at, scheme: options.scheme, logRun: false, memoryLimit: null,
            wholeHistory: connector.wholeHistory?.(source) ?? false,
            inTransaction: batch.cursor === null ? undefined : (tx) => writeCursor(tx, source.name, batch.cursor as string, at),
          });
          // What the vendor returned, not the file's rows: with an audit history one incident is
          // several rows of the batch file (its past states), but still one record.
          summary.records += batch.records.length;
          summary.inserted += result.inserted;
          summary.updated += result.updated;
          summary.unchanged += result.unchanged;
          summary.flagged += result.flagged;
          summary.events += result.events;
          summary.eventsRejected += result.eventsRejected;
        } finally {
          rmSync(file, { force: true });
        }
      }
      summary.batches += 1;
      if (batch.cursor !== null) summary.cursor = batch.cursor;
      progress({ kind: 'stored', source: source.name, batches: summary.batches, inserted: summary.inserted, updated: summary.updated });
    }
    Object.assign(summary, { requests: http.requests, waits: http.waits, waitedMs: http.waitedMs });
    summary.runId = await logRun(connection, source, connector.profile, startedAt, summary, null);
    return summary;
  } catch (error) {
    if (http) Object.assign(summary, { requests: http.requests, waits: http.waits, waitedMs: http.waitedMs });
    try {
      await logRun(connection, source, connector.profile, startedAt, summary, reasonOf(error));
    } catch (logError) {
      throw new Error(`${reasonOf(error)} (the failed run could not be logged either: ${reasonOf(logError)})`, { cause: error });
    }
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    RUNNING.delete(source.name);
    await restoreSettings();
    await restoreMemory();
  }
}

/** Counts pages and records as they arrive, for the summary and the progress line. */
async function* counted(pages: AsyncIterable<Page>, summary: SyncSummary, progress: (event: SyncProgress) => void): AsyncGenerator<Page> {
  let records = 0;
  for await (const page of pages) {
    summary.pages += 1;
    records += page.records.length;
    progress({ kind: 'page', source: summary.source, pages: summary.pages, records, total: page.total ?? null });
    yield page;
  }
}

function logRun(connection: DuckDBConnection, source: SourceConfig, profile: string, startedAt: Date, summary: SyncSummary, error: string | null): Promise<number> {
  return recordRun(connection, {
    kind: 'sync', source: source.name, profile, status: error === null ? 'ok' : 'failed', startedAt, files: [source.base_url],
    records: summary.records, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged,
    flagged: summary.flagged, ...(error === null ? {} : { error }),
  });
}
