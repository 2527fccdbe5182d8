/**
 * `hindsight serve`: opens the database (loading the committed demo data when it holds no
 * incidents, and saying so), serves the app on host:port, and runs the scheduled syncs of
 * hindsight.yaml's sources (scheduler/sync-jobs.ts) and its summary emails (scheduler/email-jobs.ts,
 * with a catch-up of missed and interrupted deliveries at start); after each sync, and at start
 * for the questions the previous run was asked last (kept in the database:
 * remembered-questions.ts), it asks the recent dashboard questions again so their answers are
 * cached (warm-answers.ts). Returns a handle
 * so tests can run the real server on an ephemeral port and close it.
 *
 * Closing order matters: stop taking connections, stop the scheduler (aborting a sync in
 * progress and waiting until it has logged its run), wait for in-flight answers and the
 * re-answering in progress, and only then close DuckDB — closing it under a running statement
 * aborts the process.
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
import { answerWarmer, type AnswerWarmer } from './warm-answers.ts';
import { loadQuestions, questionKeeper } from './remembered-questions.ts';
import { emailRuntime, type EmailJobOptions, type EmailRuntime } from './scheduler/email-jobs.ts';

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
  /**
   * Keep the recent dashboard questions across restarts (load them at start and ask them again,
   * store them when stopping). Default true; the benchmark's cold-start figures turn it off to
   * time a server with nothing to warm.
   */
  rememberQuestions?: boolean;
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
    /** Scheduled emails: waits between attempts (tests make them short). Default: real timers. */
    sleep?: EmailJobOptions['sleep'];
  };
}

export interface RunningServer {
  url: string;
  incidents: number;
  demoLoaded: boolean;
  /** The scheduled jobs (one `sync:<source>` per source with a schedule, one `email:<name>` per email schedule). */
  scheduler: Scheduler;
  /** The start-up catch-up of summary emails (interrupted and missed deliveries); settles before close() closes the database. */
  catchUp: Promise<void>;
  /** The previous run's recent questions asked again into the answer cache (none on a first start). */
  warmedAfterStart: Promise<void>;
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
  let emails: EmailRuntime | null = null;
  // Created with the app below; the sync jobs' hook reads it when a sync finishes (after start).
  let warmer: AnswerWarmer | null = null;
  // The warmer's list outlives the process (remembered-questions.ts).
  const rememberQuestions = options.rememberQuestions ?? true;
  const keeper = rememberQuestions ? questionKeeper(db, () => warmer?.urls ?? [], options.log) : null;
  let remembered: string[] = [];
  try {
    if (rememberQuestions) remembered = await loadQuestions(db.connection);
    // Email runs take the same clock as syncs: now for due times, periods and the reports' numbers.
    emails = options.config ? emailRuntime({ db, config: options.config, log: options.log, env: schedule.env, now: schedule.now, sleep: schedule.sleep }) : null;
    const jobs = options.config
      ? [...syncJobs({ db, config: options.config, log: options.log, env: schedule.env, now: schedule.now, http: schedule.http, onSynced: () => void warmer?.warm().then(() => keeper?.keep()) }), ...emails!.jobs]
      : [];
    scheduler = createScheduler(jobs, { log: options.log, clock: schedule.clock, onEvent: schedule.onEvent });
  } catch (error) {
    db.close();
    throw error;
  }
  const app = createApp({
    db, webRoot: options.webRoot === undefined ? WEB_ROOT : options.webRoot, log: options.log, ...(options.config ? { config: options.config } : {}),
    jobs: () => scheduler.status(),
    ...(schedule.now ? { now: schedule.now } : {}),
  });

  // After a sync, the recent questions are asked again so the next visitor finds them answered.
  warmer = answerWarmer((request) => app.fetch(request), options.log, undefined, remembered);
  const inFlight = trackInFlight(async (request) => {
    const response = await app.fetch(request);
    warmer!.note(request, response);
    return response;
  });
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
  // The questions the previous run was asked last, answered into the cache before anyone asks.
  const warmedAfterStart = warmer.warm('after a restart');
  const stopping = new AbortController();
  // Failures are logged and recorded per delivery (GET /api/deliveries); one that escapes the
  // catch-up is logged here rather than left as an unhandled rejection that would end the server.
  const catchUp = (emails ? emails.catchUp(stopping.signal) : Promise.resolve([])).then(
    () => {},
    (error: unknown) => options.log.error(`email catch-up failed: ${(error as Error).message}`),
  );
  return {
    url,
    incidents,
    demoLoaded,
    scheduler,
    catchUp,
    warmedAfterStart,
    close: async () => {
      stopping.abort(new Error('The server is stopping.'));
      // Stop taking connections and ticking; let every answer (and streamed body) and the sync
      // in progress finish, then close the database: closing it under a running query aborts
      // the process.
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await Promise.all([scheduler.stop(), inFlight.idle(), catchUp]);
      await warmer!.stop(); // after the scheduler: a sync finishing while it stopped may have started a replay
      await keeper?.last(); // after every earlier save; none starts after it, so none runs when DuckDB closes
      db.close();
      await closed;
    },
  };
}
