/**
 * Scheduled summary emails: one scheduler job (`email:<name>`) per schedule in hindsight.yaml,
 * its cron read in the schedule's own zone, and a catch-up at start.
 *
 * - A run reports on the period before the one its due time falls in (email/periods.ts) and is
 *   delivered exactly once per (schedule, period) (email/deliver.ts).
 * - Catch-up: at start, deliveries a dead process left `sending` become `interrupted` and are
 *   resumed, and every run that fell due within `email.catch_up` while the server was down is
 *   delivered once, marked late. Older runs are not made up (a week-old digest is noise).
 * - Emails read and write on their own connection, one delivery at a time (a queue): the API's
 *   connection never waits behind a report, and two reports never share a connection at once.
 * - Stopping aborts waits between attempts (the delivery is left interrupted, resumed at the next
 *   start) and lets a message being transferred finish or time out.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../queries/db.ts';
import { findDelivery, markInterrupted } from '../../queries/deliveries.ts';
import { contextAt, type HindsightConfig } from '../config.ts';
import type { ScheduleConfig } from '../config/email.ts';
import type { Logger } from '../deps.ts';
import { deliver, type DeliveryResult, type EmailContext } from '../email/deliver.ts';
import { dueRuns, periodBefore } from '../email/periods.ts';
import { createTransport, type Transport } from '../email/transport.ts';
import { chromiumPath } from '../report/pdf.ts';
import type { Job } from './scheduler.ts';
import { serial } from './serial.ts';

export const EMAIL_JOB_PREFIX = 'email:';

export interface EmailJobOptions {
  db: Database;
  config: HindsightConfig;
  log: Logger;
  /** Where the SMTP login is read. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The clock for due times, periods and the reports' "now". Default: the system clock. */
  now?: () => Date;
  /** Waits between attempts. Default: a timer that the signal cancels. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface EmailRuntime {
  jobs: Job[];
  /** Resumes interrupted deliveries and sends the runs missed within the catch-up window. */
  catchUp(signal: AbortSignal): Promise<DeliveryResult[]>;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal!.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Checks before the server starts what would fail every run: SMTP credentials in the environment. */
export function checkSchedules(config: HindsightConfig, env: NodeJS.ProcessEnv = process.env): Transport | null {
  return config.schedules.length && config.smtp ? createTransport(config.smtp, env) : null;
}

/** What a delivery needs, for the scheduler and for `hindsight email send` alike. */
export function emailContext(connection: DuckDBConnection, config: HindsightConfig, transport: Transport, options: { log: Logger; now?: () => Date; sleep?: EmailJobOptions['sleep'] }): EmailContext {
  const now = options.now ?? (() => new Date());
  return {
    connection, smtp: config.smtp!, settings: config.email, targets: config.targets, baseUrl: config.baseUrl, chromium: chromiumPath(config.chromium),
    transport, log: options.log, context: () => contextAt(config, now()), now, sleep: options.sleep ?? abortableSleep,
  };
}

export function emailRuntime(options: EmailJobOptions): EmailRuntime {
  const { config, log } = options;
  const now = options.now ?? (() => new Date());
  const transport = checkSchedules(config, options.env);
  let connection: Promise<DuckDBConnection> | null = null;

  const context = async (): Promise<EmailContext> => emailContext(await (connection ??= options.db.connect()), config, transport!, { log, now, sleep: options.sleep });

  /** One delivery at a time (serial.ts); the caller gets each one's outcome. */
  const enqueue = serial();

  const send = (schedule: ScheduleConfig, due: Date, late: boolean, signal: AbortSignal) =>
    enqueue(async () => {
      const period = periodBefore(schedule.period, due, schedule.tz);
      const result = await deliver(await context(), schedule, period, due, { late, signal });
      log.info(`email ${schedule.name} ${period.key}: ${result.status === 'already' ? 'already delivered or in progress; not sent again' : `${result.status}${late ? ' (late)' : ''}`}.`);
      return result;
    });

  const jobs: Job[] = config.schedules.map((schedule) => ({
    name: `${EMAIL_JOB_PREFIX}${schedule.name}`,
    cron: schedule.cron,
    timezone: schedule.tz,
    run: async (signal) => {
      // The run's due time: the latest tick at or before now (the timer fires just after it).
      const at = now();
      const due = dueRuns(schedule.cron, schedule.tz, new Date(at.getTime() - 3_600_000), at).at(-1) ?? at;
      await send(schedule, due, false, signal);
    },
  }));

  const catchUp = async (signal: AbortSignal): Promise<DeliveryResult[]> => {
    if (!config.schedules.length) return [];
    const ctx = await context();
    const interrupted = await markInterrupted(ctx.connection);
    if (interrupted) log.info(`email: ${interrupted} deliver${interrupted === 1 ? 'y was' : 'ies were'} interrupted by a stop; resuming for the recipients not yet reached.`);
    const results: DeliveryResult[] = [];
    const at = now();
    for (const schedule of config.schedules) {
      for (const due of dueRuns(schedule.cron, schedule.tz, new Date(at.getTime() - config.email.catch_up * 1000), at)) {
        if (signal.aborted) return results;
        const period = periodBefore(schedule.period, due, schedule.tz);
        const existing = await findDelivery(ctx.connection, schedule.name, period.key);
        if (existing && existing.status !== 'interrupted') continue;
        results.push(await send(schedule, due, !existing, signal));
      }
    }
    return results;
  };

  return { jobs, catchUp };
}
