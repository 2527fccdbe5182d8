/**
 * Scheduled syncs inside the real server (`startServer` on 127.0.0.1, a real DuckDB file)
 * against the fake ServiceNow (real HTTP on 127.0.0.1), on a once-a-second cron. The fake
 * answers slowly, so each sync spans several ticks: the ticks in between must be skipped, never
 * run side by side, and every run that started must be one row in import_runs.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../queries/db.ts';
import { parseConfig } from '../../server/config.ts';
import type { SchedulerEvent } from '../../server/scheduler/scheduler.ts';
import { startServer } from '../../server/serve.ts';
import { servicenowRecords } from '../fakes/records/servicenow.ts';
import { startFake, type RunningFake } from '../fakes/serve.ts';
import type { FakeEnv } from '../fakes/faults.ts';
import { createServiceNowFake } from '../fakes/servicenow.ts';
import { tempDir } from '../helpers/db.ts';

const ENV = { SN_USER: 'hindsight.sync', SN_PASSWORD: 'pa55-word', SN_WRONG: 'nope' };

/** The fake behind a door that holds every request `slowMs` and counts how many are in at once. */
function slowFake() {
  const fake = createServiceNowFake(servicenowRecords(), { user: ENV.SN_USER, password: ENV.SN_PASSWORD });
  const door = { slowMs: 1200, active: 0, most: 0, requests: 0 };
  const app = new Hono<FakeEnv>().all('*', async (c) => {
    door.requests += 1;
    door.active += 1;
    door.most = Math.max(door.most, door.active);
    try {
      await delay(door.slowMs);
      return await fake.app.fetch(c.req.raw, c.env);
    } finally {
      door.active -= 1;
    }
  });
  return { app, door };
}

function configFor(url: string, sources: string): ReturnType<typeof parseConfig> {
  return parseConfig(`calendar:\n  tz: Europe/London\nsources:\n${sources.replaceAll('URL', url)}`, null);
}

const ITSM = `  - { name: itsm, type: servicenow, base_url: URL, auth: { user_env: SN_USER, token_env: SN_PASSWORD }, page_size: 10, schedule: "*/1 * * * * *" }\n`;
const BROKEN = `  - { name: broken, type: servicenow, base_url: URL, auth: { user_env: SN_USER, token_env: SN_WRONG }, schedule: "*/1 * * * * *" }\n`;
const MANUAL = `  - { name: manual, type: statuspage, base_url: URL }\n`;

function recording() {
  const lines: string[] = [];
  const events: SchedulerEvent[] = [];
  return {
    lines, events,
    log: { info: (m: string) => void lines.push(`info ${m}`), error: (m: string) => void lines.push(`error ${m}`) },
    onEvent: (event: SchedulerEvent) => void events.push(event),
    count: (kind: SchedulerEvent['kind'], job: string) => events.filter((e) => e.kind === kind && e.job === job).length,
  };
}

async function until(what: string, test: () => boolean, ms = 40_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

async function runsIn(path: string) {
  const db = await openDatabase(path);
  try {
    const runs = (await db.connection.runAndReadAll('SELECT source, kind, status, rows_read, error FROM import_runs ORDER BY run_id')).getRowObjectsJson();
    const incidents = (await db.connection.runAndReadAll("SELECT count(*)::INTEGER AS n FROM incidents WHERE source = 'itsm'")).getRowObjectsJson()[0]!.n;
    return { runs, incidents };
  } finally {
    db.close();
  }
}

let fake: ReturnType<typeof slowFake>;
let vendor: RunningFake;
beforeAll(async () => {
  fake = slowFake();
  vendor = await startFake(fake.app);
});
afterAll(() => vendor.close());

describe('scheduled syncs in hindsight serve', { timeout: 90_000 }, () => {
  it('syncs a scheduled source on its cron and skips the ticks that come while it runs; every run is one row in import_runs', async () => {
    const dir = tempDir();
    const rec = recording();
    fake.door.most = 0;
    const server = await startServer({
      dbPath: dir.path('hindsight.duckdb'), port: 0, webRoot: null, demo: false, log: rec.log,
      config: configFor(vendor.url, ITSM), schedule: { env: ENV, onEvent: rec.onEvent },
    });
    try {
      // Asked before any data: remembered, and asked again after each sync (server/warm-answers.ts).
      const before = (await (await fetch(`${server.url}/api/metrics?metric=count`)).json()) as { rows: Array<{ count: number }> };
      expect(before.rows[0]!.count).toBe(0);
      await until('two syncs and a skipped tick', () => rec.count('finished', 'sync:itsm') >= 2 && rec.count('skipped', 'sync:itsm') >= 1);
      await until('the question re-answered after a sync', () => rec.lines.some((l) => /^info re-answered 1 recent question\(s\) after new data/.test(l)));
      const after = (await (await fetch(`${server.url}/api/metrics?metric=count`)).json()) as { rows: Array<{ count: number }> };
      expect(after.rows[0]!.count).toBe(10);
    } finally {
      await server.close();
    }
    // Never two syncs of the source at once: the vendor never saw two requests at a time.
    expect(fake.door.most).toBe(1);
    expect(rec.lines.filter((l) => l.includes('was skipped'))).toHaveLength(rec.count('skipped', 'sync:itsm'));
    // Every run that started is exactly one row, ok or failed as the scheduler saw it (a run
    // cut short by close() is the one failed row, with the reason).
    const { runs, incidents } = await runsIn(dir.path('hindsight.duckdb'));
    expect(incidents).toBe(10);
    expect(runs).toHaveLength(rec.count('started', 'sync:itsm'));
    expect(runs.filter((r) => r.status === 'ok')).toHaveLength(rec.count('finished', 'sync:itsm'));
    expect(runs.filter((r) => r.status === 'failed')).toEqual(
      Array.from({ length: rec.count('failed', 'sync:itsm') }, () => ({ source: 'itsm', kind: 'sync', status: 'failed', rows_read: 0, error: 'stopped: the server is shutting down' })),
    );
    expect(runs[0]).toEqual({ source: 'itsm', kind: 'sync', status: 'ok', rows_read: 10, error: null });
    dir.remove();
  });

  it('syncs sources one after another; a failing one is recorded and logged and the server keeps serving; GET /api/sources shows lag and schedule', async () => {
    const dir = tempDir();
    const rec = recording();
    fake.door.most = 0;
    const server = await startServer({
      dbPath: dir.path('hindsight.duckdb'), port: 0, webRoot: null, demo: false, log: rec.log,
      config: configFor(vendor.url, ITSM + BROKEN + MANUAL), schedule: { env: ENV, onEvent: rec.onEvent },
    });
    try {
      await until('a sync of itsm and a failed one of broken', () => rec.count('finished', 'sync:itsm') >= 1 && rec.count('failed', 'sync:broken') >= 1);
      const body = (await (await fetch(`${server.url}/api/sources`)).json()) as { sources: Array<Record<string, unknown>> };
      const by = Object.fromEntries(body.sources.map((s) => [s.source, s]));
      expect(Object.keys(by)).toEqual(['broken', 'itsm', 'manual']);
      expect(by.itsm).toMatchObject({
        incidents: 10, synced_through: '2024-03-08T09:00:00Z',
        schedule: { cron: '*/1 * * * * *', timezone: 'Europe/London', next_run_at: expect.stringMatching(/^20\d\d-.*Z$/) },
      });
      expect(by.itsm!.last_success_at).toEqual(expect.stringMatching(/Z$/));
      expect(by.itsm!.lag_seconds).toBeGreaterThanOrEqual(0);
      expect(by.itsm!.lag_seconds).toBeLessThan(60);
      expect(by.broken).toMatchObject({
        incidents: 0, last_success_at: null, lag_seconds: null,
        last_error: 'broken: ServiceNow rejected the credentials in SN_USER / SN_WRONG (HTTP 401); check that the token is valid and may read this data.',
      });
      // Configured without a schedule: listed, never synced.
      expect(by.manual).toMatchObject({ incidents: 0, last_run_at: null, schedule: null });
    } finally {
      await server.close();
    }
    // One sync at a time across sources: the vendor never saw two requests at once.
    expect(fake.door.most).toBe(1);
    const firstBroken = rec.events.find((e) => e.kind === 'started' && e.job === 'sync:broken')!.at.toISOString();
    expect(rec.lines).toContain(`error sync:broken: the run started ${firstBroken} failed: broken: ServiceNow rejected the credentials in SN_USER / SN_WRONG (HTTP 401); check that the token is valid and may read this data.`);
    const { runs } = await runsIn(dir.path('hindsight.duckdb'));
    const broken = runs.filter((r) => r.source === 'broken' && r.error !== 'stopped: the server is shutting down');
    expect(broken.length).toBeGreaterThanOrEqual(1);
    expect(broken.every((r) => r.status === 'failed' && String(r.error).includes('(HTTP 401)'))).toBe(true);
    dir.remove();
  });

  it('closing the server mid-sync aborts the sync, records it as failed, and closes the database cleanly', async () => {
    const dir = tempDir();
    const rec = recording();
    fake.door.slowMs = 30_000;
    try {
      const server = await startServer({
        dbPath: dir.path('hindsight.duckdb'), port: 0, webRoot: null, demo: false, log: rec.log,
        config: configFor(vendor.url, ITSM), schedule: { env: ENV, onEvent: rec.onEvent },
      });
      await until('a sync to start', () => rec.count('started', 'sync:itsm') === 1 && fake.door.active === 1);
      const closing = Date.now();
      await server.close();
      expect(Date.now() - closing).toBeLessThan(10_000); // the 30 s answer was not waited for
      expect(rec.events.filter((e) => e.job === 'sync:itsm').map((e) => e.kind)).toEqual(['started', 'failed']);
      const { runs } = await runsIn(dir.path('hindsight.duckdb')); // the file lock was released
      expect(runs).toEqual([{ source: 'itsm', kind: 'sync', status: 'failed', rows_read: 0, error: 'stopped: the server is shutting down' }]);
    } finally {
      fake.door.slowMs = 1200;
      dir.remove();
    }
  });

  it('refuses to start when a scheduled source\'s credentials are not in the environment, before touching the database', async () => {
    const dir = tempDir();
    try {
      await expect(startServer({
        dbPath: dir.path('hindsight.duckdb'), port: 0, webRoot: null, demo: false, log: recording().log,
        config: configFor(vendor.url, ITSM), schedule: { env: { SN_USER: 'x' } },
      })).rejects.toThrow('itsm: the environment variable SN_PASSWORD (auth.token_env) is not set; export it before syncing.');
      const { existsSync } = await import('node:fs');
      expect(existsSync(dir.path('hindsight.duckdb'))).toBe(false);
    } finally {
      dir.remove();
    }
  });
});
