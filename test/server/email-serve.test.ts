/**
 * Summary emails inside the real server: the scheduler's ticks deliver a period once however
 * often they fire; a period missed while the server was down is sent at start, marked late, and
 * never again after a restart; and a server killed while a message is in flight (SIGKILL of a
 * real `hindsight serve`) resends it once at its next start — exactly one message arrives.
 * A real SMTP server on 127.0.0.1 receives; deliveries are read back through the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../queries/db.ts';
import { parseConfig } from '../../server/config.ts';
import { startServer } from '../../server/serve.ts';
import { NOW, reportFixture } from '../queries/golden/report-fixture.ts';
import { BIN, ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const quiet = { info() {}, error() {} };
const dir = tempDir('hindsight-email-serve-');
let smtp: TestSmtp;

const yaml = (port: number, cron: string, catchUp: string) => `smtp: { host: 127.0.0.1, port: ${port}, secure: none, from: "Hindsight <hindsight@example.com>" }
email: { catch_up: ${catchUp}, attempts: 2, backoff: 1s }
schedules:
  - { name: monthly, cron: "${cron}", tz: UTC, period: previous-month, to: [cto@example.com] }
`;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
  dir.remove();
});
beforeEach(() => {
  smtp.received.length = 0;
  smtp.hold = false;
});

async function freshDb(name: string): Promise<string> {
  const path = dir.path(name);
  (await reportFixture(path)).close();
  return path;
}

async function deliveries(url: string) {
  return (await (await fetch(`${url}/api/deliveries`)).json()) as { deliveries: Array<{ schedule: string; period: string; status: string; late: boolean; attempts: number }>; warnings: unknown[] };
}

describe('scheduled emails in hindsight serve', () => {
  it('ticks every second, delivers the period once', async () => {
    const dbPath = await freshDb('ticks.duckdb');
    const server = await startServer({ dbPath, port: 0, webRoot: null, demo: false, log: quiet, config: parseConfig(yaml(smtp.port, '* * * * * *', '0s'), null), schedule: { now: () => NOW } });
    try {
      const schedules = await (await fetch(`${server.url}/api/schedules`)).json();
      expect(schedules.schedules[0]).toMatchObject({ name: 'monthly', cron: '* * * * * *', period: 'previous-month', to: ['cto@example.com'] });
      expect(schedules.schedules[0].next_run_at).not.toBeNull();
      // Several ticks: the first delivers October, the rest find it delivered.
      for (let i = 0; i < 120 && smtp.received.length === 0; i++) await delay(250);
      await delay(3000);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.mail.subject).toMatch(/^Incidents, October 2026: /);
      expect((await deliveries(server.url)).deliveries).toEqual([expect.objectContaining({ schedule: 'monthly', period: '2026-10', status: 'sent', late: false, attempts: 1 })]);
      const after = await (await fetch(`${server.url}/api/schedules`)).json();
      expect(after.schedules[0].last_delivery).toMatchObject({ period: '2026-10', status: 'sent' });
    } finally {
      await server.close();
    }
    expect(smtp.received).toHaveLength(1);
  }, 60_000);

  it('a run missed while the server was down is sent at start, marked late, and not again after a restart', async () => {
    const dbPath = await freshDb('catch-up.duckdb');
    // NOW is 30 Nov; the 1 Nov 08:00 run (October) is within the 40-day window.
    const config = parseConfig(yaml(smtp.port, '0 8 1 * *', '40d'), null);
    for (let start = 0; start < 2; start++) {
      const server = await startServer({ dbPath, port: 0, webRoot: null, demo: false, log: quiet, config, schedule: { now: () => NOW } });
      try {
        await server.catchUp;
        expect((await deliveries(server.url)).deliveries).toEqual([expect.objectContaining({ period: '2026-10', status: 'sent', late: true })]);
      } finally {
        await server.close();
      }
    }
    expect(smtp.received).toHaveLength(1);
  }, 60_000);
});

describe('a server killed mid-send', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

  /** `hindsight serve` in a child process; resolves with its URL once it listens. */
  function serve(dbPath: string, configPath: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-demo', '--db', dbPath, '--config', configPath], { cwd: ROOT, env: { ...process.env, TZ: 'UTC' } });
    children.push(child);
    let text = '';
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        text += chunk.toString();
        const match = /Hindsight on (http:\/\/\S+)/.exec(text);
        if (match) resolve({ child, url: match[1]!, output: () => text });
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`hindsight serve exited with ${code}: ${text}`)));
    });
  }

  it('resends once at the next start; exactly one message arrives', async () => {
    const dbPath = await freshDb('killed.duckdb');
    const configPath = dir.path('hindsight.yaml');
    // The real clock: the latest 1st-of-the-month 08:00 run is always within 40 days.
    writeFileSync(configPath, yaml(smtp.port, '0 8 1 * *', '40d'));
    smtp.hold = true;
    const held = smtp.holding;
    const first = await serve(dbPath, configPath);
    await held; // the message's data is at the SMTP server, not yet accepted
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    // The server must have seen the connection drop before the release, as a real one would.
    await smtp.heldClientGone();
    smtp.release(); // too late: the client is gone, so the message is dropped, as SMTP does
    smtp.hold = false;
    expect(smtp.received).toHaveLength(0);

    const second = await serve(dbPath, configPath);
    try {
      for (let i = 0; i < 120 && smtp.received.length === 0; i++) await delay(250);
      await delay(1000); // a duplicate would arrive in this time
      expect(smtp.received).toHaveLength(1);
      expect(second.output()).toMatch(/1 delivery was interrupted by a stop; resuming/);
      const answer = await deliveries(second.url);
      expect(answer.deliveries).toEqual([expect.objectContaining({ status: 'sent', late: true, attempts: 1 })]);
    } finally {
      const exited2 = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      await exited2;
    }
    // The database is closed cleanly and still holds the one delivery.
    const db = await openDatabase(dbPath);
    try {
      const rows = (await db.connection.runAndReadAll('SELECT status FROM deliveries')).getRowObjectsJson();
      expect(rows).toEqual([{ status: 'sent' }]);
    } finally {
      db.close();
    }
  }, 120_000);
});
