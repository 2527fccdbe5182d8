/**
 * `hindsight serve`: opens the database (loading the committed demo data when it holds no
 * incidents, and saying so), serves the app on host:port, and runs the scheduled syncs of
 * hindsight.yaml's sources (scheduler/sync-jobs.ts). Returns a handle so tests can run the real
 * server on an ephemeral port and close it.
 *
 * Closing order matters: stop taking connections, stop the scheduler (aborting a sync in
 * progress and waiting until it has logged its run) and wait for in-flight answers, and only
 * then close DuckDB — closing it under a running statement aborts the process.
 */
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../queries/db.ts';
import { countIncidents } from '../queries/incidents.ts';
import { importDemoSet } from '../ingest/demo-set.ts';
import { createApp } from './app.ts';
import { trackInFlight } from './in-flight.ts';
import type { HindsightConfig } from './config.ts';
import type { Logger } from './deps.ts';
import { createScheduler, type Scheduler, type SchedulerClock, type SchedulerEvent } from './scheduler/scheduler.ts';
import { checkScheduledSources, syncJobs, type SyncJobOptions } from './scheduler/sync-jobs.ts';

export const DEMO_DIR = fileURLToPath(new URL('../fixtures/demo/', import.meta.url));
export const DEMO_CSV = `${DEMO_DIR}incidents.csv`;
export const WEB_ROOT = fileURLToPath(new URL('../web/dist/', import.meta.url));
export const DEMO_SOURCE = 'demo';

export interface ServeOptions {
  dbPath: string;
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1: the dashboard is not exposed beyond this machine unless asked. */
  host?: string;
  webRoot?: string | null;
  /** Load the demo data into an empty database (default true). */
  demo?: boolean;
  log: Logger;
  /** hindsight.yaml as loaded; default: the built-in defaults. */
  config?: HindsightConfig;
  /** Scheduled syncs: where credentials are read (default process.env), clocks and HTTP for tests. */
  schedule?: {
    env?: NodeJS.ProcessEnv;
    /** Timestamps the runs write. Default: now. */
    now?: () => Date;
    /** When ticks fire. Default: the real clock and timers. */
    clock?: SchedulerClock;
    http?: SyncJobOptions['http'];
    onEvent?: (event: SchedulerEvent) => void;
  };
}

export interface RunningServer {
  url: string;
  incidents: number;
  demoLoaded: boolean;
  /** The scheduled jobs (one `sync:<source>` per source with a schedule). */
  scheduler: Scheduler;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const schedule = options.schedule ?? {};
  // Before the database opens: a scheduled source without its credentials stops here, in one sentence.
  if (options.config) checkScheduledSources(options.config, schedule.env);
  const db = await openDatabase(options.dbPath);
  let demoLoaded = false;
  try {
    if ((options.demo ?? true) && (await countIncidents(db.connection)) === 0) {
      await importDemoSet(db.connection, DEMO_DIR, DEMO_SOURCE);
      demoLoaded = true;
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const incidents = await countIncidents(db.connection);
  let scheduler: Scheduler;
  try {
    const jobs = options.config
      ? syncJobs({ db, config: options.config, log: options.log, env: schedule.env, now: schedule.now, http: schedule.http })
      : [];
    scheduler = createScheduler(jobs, { log: options.log, clock: schedule.clock, onEvent: schedule.onEvent });
  } catch (error) {
    db.close();
    throw error;
  }
  const app = createApp({
    db, webRoot: options.webRoot === undefined ? WEB_ROOT : options.webRoot, log: options.log, ...(options.config ? { config: options.config } : {}),
    jobs: () => scheduler.status(),
  });

  const inFlight = trackInFlight((request) => app.fetch(request));
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: (request: Request) => inFlight.fetch(request), port: options.port ?? 8080, hostname: host }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      db.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${options.port} on ${host} is already in use; pass --port to choose another.`, { cause: error })
          : error,
      );
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  scheduler.start();
  return {
    url,
    incidents,
    demoLoaded,
    scheduler,
    close: async () => {
      // Stop taking connections and ticking; let every answer (and streamed body) and the sync
      // in progress finish, then close the database: closing it under a running query aborts
      // the process.
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await Promise.all([scheduler.stop(), inFlight.idle()]);
      db.close();
      await closed;
    },
  };
}
