/**
 * The generic scheduler (server/scheduler/scheduler.ts) on a fake clock: ticks at the pattern's
 * times in the job's zone (daylight-saving day included), no overlap (a tick during a run is
 * skipped and reported), failures logged and survived, stop() aborting and awaiting the run.
 */
import { describe, expect, it } from 'vitest';
import { createScheduler, type Job, type SchedulerClock, type SchedulerEvent } from '../../server/scheduler/scheduler.ts';

function fakeClock(start: string) {
  let now = Date.parse(start);
  let ids = 0;
  const timers = new Map<number, { at: number; fire: () => void }>();
  const clock: SchedulerClock = {
    now: () => new Date(now),
    setTimer: (fire, ms) => {
      timers.set(++ids, { at: now + ms, fire });
      return ids;
    },
    clearTimer: (handle) => void timers.delete(handle as number),
  };
  /** Moves time to `iso`, firing every timer due on the way, in order, letting runs progress. */
  const advanceTo = async (iso: string) => {
    const target = Date.parse(iso);
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > target) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].fire();
      await settle();
    }
    now = target;
    await settle();
  };
  return { clock, advanceTo, timers };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function recorder() {
  const lines: string[] = [];
  const events: SchedulerEvent[] = [];
  return {
    lines, events,
    log: { info: (m: string) => void lines.push(`info ${m}`), error: (m: string) => void lines.push(`error ${m}`) },
    onEvent: (event: SchedulerEvent) => void events.push(event),
  };
}

/** A job whose runs stay open until the test finishes them. */
function manualJob(name: string, cron: string, timezone?: string) {
  const runs: Array<{ finish: () => void; fail: (error: Error) => void; signal: AbortSignal }> = [];
  const job: Job = {
    name, cron, ...(timezone ? { timezone } : {}),
    run: (signal) => new Promise<void>((resolve, reject) => void runs.push({ finish: resolve, fail: reject, signal })),
  };
  return { job, runs };
}

const iso = (date: Date) => date.toISOString();

describe('scheduler', () => {
  it('ticks at the pattern\'s times in the job\'s zone, across the spring-forward day', async () => {
    const { clock, advanceTo } = fakeClock('2026-03-28T12:00:00Z');
    const rec = recorder();
    const { job, runs } = manualJob('daily', '0 6 * * *', 'Europe/London');
    const scheduler = createScheduler([job], { log: rec.log, clock, onEvent: rec.onEvent });
    scheduler.start();
    // 06:00 in London on 29 March 2026 is BST (UTC+1): 05:00Z. The day before it was 06:00Z.
    expect(scheduler.status()[0]).toMatchObject({ name: 'daily', timezone: 'Europe/London', next_run_at: '2026-03-29T05:00:00.000Z', runs: 0 });
    await advanceTo('2026-03-29T04:59:59Z');
    expect(runs).toHaveLength(0);
    await advanceTo('2026-03-29T05:00:00Z');
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await settle();
    expect(scheduler.status()[0]).toMatchObject({ runs: 1, running_since: null, last_started_at: '2026-03-29T05:00:00.000Z', next_run_at: '2026-03-30T05:00:00.000Z' });
    expect(rec.events.map((e) => `${e.kind} ${iso(e.at)}`)).toEqual(['started 2026-03-29T05:00:00.000Z', 'finished 2026-03-29T05:00:00.000Z']);
    await scheduler.stop();
  });

  it('skips a tick while the same job still runs, says so, and runs again at the next free tick', async () => {
    const { clock, advanceTo } = fakeClock('2026-11-30T12:00:00Z');
    const rec = recorder();
    const { job, runs } = manualJob('sync:itsm', '*/15 * * * *');
    const scheduler = createScheduler([job], { log: rec.log, clock, onEvent: rec.onEvent });
    scheduler.start();
    await advanceTo('2026-11-30T12:15:00Z');
    await advanceTo('2026-11-30T12:30:00Z'); // the 12:15 run is still going
    expect(runs).toHaveLength(1);
    expect(scheduler.status()[0]).toMatchObject({ runs: 1, skipped: 1, last_skipped_at: '2026-11-30T12:30:00.000Z', running_since: '2026-11-30T12:15:00.000Z' });
    expect(rec.lines).toEqual(['info sync:itsm: the run due at 2026-11-30T12:30:00.000Z was skipped; the run started 2026-11-30T12:15:00.000Z is still going.']);
    await advanceTo('2026-11-30T12:40:00Z');
    runs[0]!.finish();
    await settle();
    await advanceTo('2026-11-30T12:45:00Z');
    expect(runs).toHaveLength(2);
    expect(rec.events.map((e) => `${e.kind} ${iso(e.at)}`)).toEqual([
      'started 2026-11-30T12:15:00.000Z', 'skipped 2026-11-30T12:30:00.000Z', 'finished 2026-11-30T12:40:00.000Z', 'started 2026-11-30T12:45:00.000Z',
    ]);
    runs[1]!.finish();
    await scheduler.stop();
  });

  it('logs a failed run with its reason, keeps it in the status, and runs at the next tick', async () => {
    const { clock, advanceTo } = fakeClock('2026-11-30T12:00:00Z');
    const rec = recorder();
    let calls = 0;
    const job: Job = {
      name: 'sync:pd', cron: '0 * * * *',
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('pd: PagerDuty rejected the credentials in PD_TOKEN (HTTP 401); check that the token is valid and may read this data.');
      },
    };
    const scheduler = createScheduler([job], { log: rec.log, clock });
    scheduler.start();
    await advanceTo('2026-11-30T13:00:00Z');
    expect(rec.lines).toEqual([
      'error sync:pd: the run started 2026-11-30T13:00:00.000Z failed: pd: PagerDuty rejected the credentials in PD_TOKEN (HTTP 401); check that the token is valid and may read this data.',
    ]);
    expect(scheduler.status()[0]).toMatchObject({ runs: 1, failures: 1, last_error: expect.stringContaining('HTTP 401') });
    await advanceTo('2026-11-30T14:00:00Z');
    expect(scheduler.status()[0]).toMatchObject({ runs: 2, failures: 1, last_error: null, next_run_at: '2026-11-30T15:00:00.000Z' });
    await scheduler.stop();
  });

  it('stop() clears the timers, aborts the run in progress and resolves only after it settled', async () => {
    const { clock, advanceTo, timers } = fakeClock('2026-11-30T12:00:00Z');
    const rec = recorder();
    const { job, runs } = manualJob('email:weekly', '*/1 * * * * *');
    const idle = manualJob('sync:gh', '0 0 * * *');
    const scheduler = createScheduler([job, idle.job], { log: rec.log, clock });
    scheduler.start();
    await advanceTo('2026-11-30T12:00:01Z');
    expect(runs).toHaveLength(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => void (stopped = true));
    await settle();
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(stopped).toBe(false); // still waiting for the run
    expect(timers.size).toBe(0);
    runs[0]!.fail(new Error('aborted'));
    await stopping;
    expect(scheduler.status().map((s) => s.next_run_at)).toEqual([null, null]);
    await advanceTo('2026-11-30T12:00:05Z');
    expect(runs).toHaveLength(1);
  });

  it('splits a delay longer than setTimeout allows and never runs early', async () => {
    const { clock, advanceTo, timers } = fakeClock('2026-11-30T12:00:00Z');
    const { job, runs } = manualJob('yearly', '0 0 1 1 *');
    const scheduler = createScheduler([job], { log: recorder().log, clock });
    scheduler.start();
    expect([...timers.values()][0]!.at - Date.parse('2026-11-30T12:00:00Z')).toBe(2 ** 31 - 1);
    await advanceTo('2026-12-31T23:59:59Z');
    expect(runs).toHaveLength(0);
    await advanceTo('2027-01-01T00:00:00Z');
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await scheduler.stop();
  });

  it('refuses a pattern or zone it can\'t schedule, and a name used twice, naming the job', () => {
    const log = recorder().log;
    const job = (name: string, cron: string, timezone?: string): Job => ({ name, cron, ...(timezone ? { timezone } : {}), run: async () => {} });
    expect(() => createScheduler([job('sync:x', '61 * * * *')], { log })).toThrow('Scheduled job "sync:x": "61 * * * *" can\'t be scheduled: CronPattern: Invalid value for minute: 61');
    expect(() => createScheduler([job('sync:x', '* * * * *', 'Mars/Olympus')], { log })).toThrow(/^Scheduled job "sync:x": "\* \* \* \* \*" can't be scheduled: .*Mars\/Olympus/);
    expect(() => createScheduler([job('a', '* * * * *'), job('a', '0 * * * *')], { log })).toThrow('Scheduled job "a" is defined twice; job names must be unique.');
  });
});
