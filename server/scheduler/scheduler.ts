/**
 * Named jobs on cron schedules, inside `hindsight serve`. Generic: scheduled syncs are one user
 * (sync-jobs.ts); scheduled emails can be another. croner computes the run times (5-field cron,
 * or 6 with seconds first, in the job's IANA zone, daylight-saving days handled); this module
 * owns the timers so the clock can be injected and `stop()` can wait for what runs.
 *
 * Guarantees:
 * - No overlap: a tick that comes while the same job still runs is skipped — not queued — and
 *   counted, logged and reported (`onEvent`, `status()`), so a slow job never piles up runs.
 * - A failing run is logged with its reason and kept in `status()`; it never stops the
 *   scheduler, never reaches the process as an unhandled rejection, and the next tick runs.
 * - `stop()` clears every timer, aborts the runs in progress (their `signal`) and resolves only
 *   once each has settled. Hazard: the server closes DuckDB after this; a job still writing then
 *   would abort the process natively.
 * - Missed ticks are not made up: after a stall (a suspended laptop, a blocked event loop) the
 *   next run is the next one due from now, not a burst of the missed ones.
 * - Timers are re-armed at most every ~24 days (setTimeout's 32-bit limit), and a timer that
 *   fires before its time (clock adjustments) is re-armed rather than run early.
 */
import { Cron } from 'croner';
import type { Logger } from '../deps.ts';

export interface Job {
  /** Unique among the scheduler's jobs; used in logs and status (e.g. `sync:ops-jira`). */
  name: string;
  /** Cron pattern: `*\/15 * * * *` (minutes), or six fields with seconds first. */
  cron: string;
  /** IANA zone the pattern is read in. Default UTC. */
  timezone?: string;
  /** One run. `signal` aborts when the scheduler stops; a rejection is logged, never rethrown. */
  run(signal: AbortSignal): Promise<void>;
}

/** Time and timers, injected so tests drive the scheduler without waiting. Default: the real ones. */
export interface SchedulerClock {
  now(): Date;
  setTimer(fire: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export type SchedulerEvent =
  | { kind: 'started'; job: string; at: Date }
  | { kind: 'finished'; job: string; at: Date; ms: number }
  | { kind: 'failed'; job: string; at: Date; ms: number; error: unknown }
  | { kind: 'skipped'; job: string; at: Date; runningSince: Date };

export interface JobStatus {
  name: string;
  cron: string;
  timezone: string;
  /** ISO instant of the next tick; null once stopped (or when the pattern has no further time). */
  next_run_at: string | null;
  /** ISO instant the run in progress started; null when idle. */
  running_since: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  /** Reason of the latest run when it failed; null after a run that succeeded. */
  last_error: string | null;
  runs: number;
  failures: number;
  /** Ticks skipped because the previous run was still going. */
  skipped: number;
  last_skipped_at: string | null;
}

export interface Scheduler {
  /** Arms every job's timer. Calling it twice does nothing more. */
  start(): void;
  /** Clears the timers, aborts runs in progress and resolves when they have settled. */
  stop(): Promise<void>;
  status(): JobStatus[];
}

export interface SchedulerDeps {
  log: Logger;
  clock?: SchedulerClock;
  onEvent?: (event: SchedulerEvent) => void;
}

/** setTimeout's longest delay (2^31 - 1 ms, ~24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimer: (fire, ms) => setTimeout(fire, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Slot {
  job: Job;
  cron: Cron;
  status: JobStatus;
  due: Date | null;
  timer: unknown;
  running: Promise<void> | null;
}

/** Checks the patterns and names now (a mistake throws, naming the job), arms nothing yet. */
export function createScheduler(jobs: readonly Job[], deps: SchedulerDeps): Scheduler {
  const clock = deps.clock ?? systemClock;
  const emit = deps.onEvent ?? (() => {});
  const controller = new AbortController();
  let started = false;
  const slots = new Map<string, Slot>();
  for (const job of jobs) {
    if (slots.has(job.name)) throw new Error(`Scheduled job "${job.name}" is defined twice; job names must be unique.`);
    slots.set(job.name, { job, cron: cronOf(job), status: blankStatus(job), due: null, timer: null, running: null });
  }

  const arm = (slot: Slot, after: Date) => {
    if (controller.signal.aborted) return;
    const now = clock.now();
    slot.due = slot.cron.nextRun(after > now ? after : now);
    slot.status.next_run_at = slot.due?.toISOString() ?? null;
    if (slot.due) wait(slot, slot.due);
  };
  const wait = (slot: Slot, due: Date) => {
    const ms = Math.min(Math.max(0, due.getTime() - clock.now().getTime()), MAX_TIMER_MS);
    slot.timer = clock.setTimer(() => fire(slot, due), ms);
  };
  const fire = (slot: Slot, due: Date) => {
    slot.timer = null;
    if (controller.signal.aborted) return;
    if (clock.now() < due) return wait(slot, due); // early (long delays are split; clocks move)
    tick(slot, due);
    arm(slot, due);
  };
  const tick = (slot: Slot, due: Date) => {
    const { job, status } = slot;
    if (slot.running) {
      status.skipped += 1;
      status.last_skipped_at = due.toISOString();
      const since = new Date(status.running_since ?? due.toISOString());
      deps.log.info(`${job.name}: the run due at ${due.toISOString()} was skipped; the run started ${since.toISOString()} is still going.`);
      emit({ kind: 'skipped', job: job.name, at: due, runningSince: since });
      return;
    }
    const at = clock.now();
    status.runs += 1;
    status.running_since = status.last_started_at = at.toISOString();
    emit({ kind: 'started', job: job.name, at });
    slot.running = runOnce(job, controller.signal).then(
      () => {
        const end = clock.now();
        status.last_error = null;
        emit({ kind: 'finished', job: job.name, at: end, ms: end.getTime() - at.getTime() });
      },
      (error: unknown) => {
        const end = clock.now();
        status.failures += 1;
        status.last_error = reasonText(error);
        deps.log.error(`${job.name}: the run started ${at.toISOString()} failed: ${status.last_error}`);
        emit({ kind: 'failed', job: job.name, at: end, ms: end.getTime() - at.getTime(), error });
      },
    ).catch((error: unknown) => {
      // Only an onEvent listener can throw here; the run's own outcome was handled above.
      deps.log.error(`${job.name}: a scheduler listener failed: ${reasonText(error)}`);
    }).finally(() => {
      status.running_since = null;
      status.last_finished_at = clock.now().toISOString();
      slot.running = null;
    });
  };

  return {
    start() {
      if (started || controller.signal.aborted) return;
      started = true;
      for (const slot of slots.values()) arm(slot, clock.now());
    },
    async stop() {
      controller.abort(new Error('stopped: the server is shutting down'));
      for (const slot of slots.values()) {
        if (slot.timer !== null) clock.clearTimer(slot.timer);
        slot.timer = null;
        slot.due = null;
        slot.status.next_run_at = null;
      }
      // The runs never reject (tick() handles both outcomes), so this waits for all of them.
      await Promise.all([...slots.values()].map((slot) => slot.running));
    },
    status: () => [...slots.values()].map((slot) => ({ ...slot.status })),
  };
}

/** A job's run as a promise, even if it throws before returning one. */
async function runOnce(job: Job, signal: AbortSignal): Promise<void> {
  await job.run(signal);
}

function cronOf(job: Job): Cron {
  try {
    const cron = new Cron(job.cron, { paused: true, timezone: job.timezone ?? 'UTC' });
    cron.nextRun(); // an unknown zone only fails when a time is computed
    return cron;
  } catch (error) {
    throw new Error(`Scheduled job "${job.name}": ${JSON.stringify(job.cron)} can't be scheduled: ${reasonText(error)}`, { cause: error });
  }
}

function blankStatus(job: Job): JobStatus {
  return {
    name: job.name, cron: job.cron, timezone: job.timezone ?? 'UTC', next_run_at: null, running_since: null, last_started_at: null,
    last_finished_at: null, last_error: null, runs: 0, failures: 0, skipped: 0, last_skipped_at: null,
  };
}

/** One line: the message, and its cause's when there is one (an aborted wait says why it was aborted). */
function reasonText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error && !error.message.includes(error.cause.message) ? `${error.message} (${error.cause.message})` : error.message;
}
