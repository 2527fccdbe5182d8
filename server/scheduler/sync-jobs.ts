/**
 * Scheduled syncs: one scheduler job (`sync:<name>`) per source in hindsight.yaml that has a
 * `schedule:`, read in the calendar's time zone (`calendar.tz`, default UTC).
 *
 * - Each run is `syncSource` — the same code as `hindsight sync` — so it lands in import_runs
 *   (kind 'sync', ok or failed with its reason) like a manual one, and its cursor is committed
 *   only with the data it covers.
 * - Syncs write on their own connection, never the one the API reads on: a sync's transaction
 *   on a shared connection would show readers half-written batches.
 * - Syncs of different sources run one after another (a queue), not side by side: every batch
 *   bumps the one data_version row, and two open transactions updating it conflict in DuckDB,
 *   failing one of them. A source's tick that comes while it waits in the queue or runs is
 *   skipped by the scheduler (no overlap of one source with itself).
 * - Stopping aborts the run in progress (its HTTP requests and rate-limit waits); the run is
 *   logged as failed, and its committed batches stay. Runs still queued don't start.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SourceConfig } from '../../ingest/connectors/config.ts';
import type { HttpDeps } from '../../ingest/connectors/http.ts';
import { readCredentials } from '../../ingest/connectors/secrets.ts';
import { syncSource, type SyncSummary } from '../../ingest/connectors/sync.ts';
import type { Scheme } from '../../ingest/scheme.ts';
import type { Database } from '../../queries/db.ts';
import type { HindsightConfig } from '../config.ts';
import type { Logger } from '../deps.ts';
import type { Job } from './scheduler.ts';
import { serial } from './serial.ts';

export const SYNC_JOB_PREFIX = 'sync:';

export interface SyncJobOptions {
  db: Database;
  config: HindsightConfig;
  log: Logger;
  /** Where credentials are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Clock for the runs' timestamps (import_runs, cursors). Default: now. */
  now?: () => Date;
  /** fetch, sleep, random for the HTTP client (tests); the signal comes from the scheduler. */
  http?: Omit<HttpDeps, 'signal' | 'onWait'>;
  /** Called after each sync that finished (serve re-answers recent questions: server/warm-answers.ts). */
  onSynced?: () => void;
}

/** The sources that have a schedule. */
export function scheduledSources(config: HindsightConfig): SourceConfig[] {
  return config.sources.filter((source) => source.schedule !== undefined);
}

/**
 * Checks what can fail before the server starts (credentials of every scheduled source), so a
 * missing variable stops `hindsight serve` with one sentence instead of failing every tick.
 */
export function checkScheduledSources(config: HindsightConfig, env: NodeJS.ProcessEnv = process.env): void {
  for (const source of scheduledSources(config)) readCredentials(source, env);
}

/** The jobs, sharing one writer connection opened from `db` on first use. */
export function syncJobs(options: SyncJobOptions): Job[] {
  const { config, log } = options;
  let writer: Promise<DuckDBConnection> | null = null;
  const queue = serial();
  const timezone = config.settings.calendar.tz;
  return scheduledSources(config).map((source) => ({
    name: `${SYNC_JOB_PREFIX}${source.name}`,
    cron: source.schedule as string,
    timezone,
    run: (signal) => {
      return queue(async () => {
        if (signal.aborted) return; // stopped while waiting its turn: nothing ran, nothing to record
        writer ??= options.db.connect();
        const summary = await syncSource(await writer, source, {
          // server/config.ts validated the status words against STATUSES; its type says string.
          scheme: config.scheme as Partial<Scheme>,
          http: { ...options.http, signal },
          ...(options.env ? { env: options.env } : {}),
          ...(options.now ? { now: options.now } : {}),
        });
        log.info(describe(summary));
        options.onSynced?.();
      });
    },
  }));
}

function describe(s: SyncSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return `sync ${s.source} (${s.mode}): ${n(s.pages)} pages, ${n(s.records)} records, ${n(s.inserted)} new, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged${s.notes.length ? `; ${s.notes.join(' ')}` : ''}.`;
}
