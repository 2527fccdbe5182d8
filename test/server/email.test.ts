// Summary emails against a real SMTP server on 127.0.0.1 (smtp-server), read back with mailparser:
// recipients, subject and both parts; every inline chart a PNG of the expected size; the numbers
// equal the API's for the same scope and period; exactly one delivery per (schedule, period),
// through retries, an outage and a refused recipient; skip-when-empty; a week with a daylight-
// saving change; and a snapshot of the rendered HTML. Data: the hand-checked report fixture.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../queries/db.ts';
import { findDelivery, listAttempts } from '../../queries/deliveries.ts';
import { createApp } from '../../server/app.ts';
import { parseConfig, type HindsightConfig } from '../../server/config.ts';
import { deliver } from '../../server/email/deliver.ts';
import { periodBefore } from '../../server/email/periods.ts';
import { createTransport } from '../../server/email/transport.ts';
import { emailContext } from '../../server/scheduler/email-jobs.ts';
import { seed } from '../queries/golden/seed.ts';
import { H, M, NOW, reportFixture } from '../queries/golden/report-fixture.ts';
import { pngSize, startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const SNAPSHOT = fileURLToPath(new URL('./__snapshots__/summary-email.html', import.meta.url));
const quiet = { info() {}, error() {} };

function config(port: number, schedules: string, extra = ''): HindsightConfig {
  return parseConfig(`smtp: { host: 127.0.0.1, port: ${port}, secure: none, from: "Hindsight <hindsight@example.com>" }
base_url: https://hindsight.example.com
email: { attempts: 3, backoff: 1s, catch_up: 40d }
targets:
  - { severity: SEV1, target: "90% acknowledged within 3m" }
${extra}schedules:
${schedules}`, null);
}

const MONTHLY = `  - { name: monthly, cron: "0 8 1 * *", tz: UTC, period: previous-month, to: [cto@example.com, vp@example.com], cc: [ops@example.com] }\n`;
const RUN = new Date('2026-11-01T08:00:00Z');

let smtp: TestSmtp;
let db: Database;
beforeAll(async () => {
  smtp = await startSmtp();
  db = await reportFixture();
});
afterAll(async () => {
  await smtp.stop();
  db.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.refuse.clear();
  await db.connection.run('DELETE FROM delivery_attempts');
  await db.connection.run('DELETE FROM deliveries');
});

/** A delivery context on the fixture database; `sleeps` records the waits asked for (and waits none). */
function context(cfg: HindsightConfig, onSleep: (ms: number) => Promise<void> | void = () => {}) {
  const sleeps: number[] = [];
  const ctx = emailContext(db.connection, cfg, createTransport(cfg.smtp!), { log: quiet, now: () => NOW, sleep: async (ms) => { sleeps.push(ms); await onSleep(ms); } });
  return { ctx, sleeps };
}

const send = (cfg: HindsightConfig, name = 'monthly', at = RUN, onSleep?: (ms: number) => Promise<void> | void) => {
  const schedule = cfg.schedules.find((s) => s.name === name)!;
  const { ctx, sleeps } = context(cfg, onSleep);
  return { result: deliver(ctx, schedule, periodBefore(schedule.period, at, schedule.tz), at, { late: false }), sleeps };
};

describe('the monthly email', () => {
  it('reaches every recipient once, with the subject, both parts and the charts as cid PNGs', async () => {
    const cfg = config(smtp.port, MONTHLY);
    const { result } = send(cfg);
    expect((await result).status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    const [{ envelope, mail }] = smtp.received as [typeof smtp.received[number]];
    expect(envelope.to.sort()).toEqual(['cto@example.com', 'ops@example.com', 'vp@example.com']);
    expect(mail.from?.value).toEqual([{ name: 'Hindsight', address: 'hindsight@example.com' }]);
    expect((mail.to as { text: string }).text).toBe('cto@example.com, vp@example.com');
    expect((mail.cc as { text: string }).text).toBe('ops@example.com');
    expect(mail.messageId).toBe('<monthly.2026-10@hindsight>');
    // MTTR 1h 30m against 4h 30m: −67%; 5 vs 2 incidents are too few for a verdict; one SEV1.
    expect(mail.subject).toBe('Incidents, October 2026: MTTR 1h 30m (−67%, too few to tell), 1 SEV1');
    expect(mail.text).toContain('MTTA: 10m (September 2026: 28m, −64%) — too few to tell (n = 5 vs 2)');
    expect(mail.html).toContain('<td style="padding:6px 8px;border-bottom:1px solid #e5e5e5;font-size:14px;">MTTR</td>');
    expect(String(mail.html)).not.toMatch(/<script|src="https?:/i);
    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.map((a) => a.cid).sort()).toEqual(['durations.monthly.2026-10@hindsight', 'severity.monthly.2026-10@hindsight', 'volume.monthly.2026-10@hindsight']);
    for (const image of images) {
      expect(String(mail.html)).toContain(`src="cid:${image.cid}"`);
      // 600 × 240 drawn at twice the size for sharp text.
      expect(pngSize(image.content)).toEqual({ width: 1200, height: 480 });
    }
    expect(mail.text).toContain('Dashboard: https://hindsight.example.com/?from=2026-10-01&to=2026-11-01');
  });

  it('says the numbers the API says for the same scope and period', async () => {
    const cfg = config(smtp.port, `  - { name: api-scope, cron: "0 8 1 * *", period: previous-month, to: [cto@example.com], filter: { service: api } }\n`);
    await send(cfg, 'api-scope').result;
    const app = createApp({ db, webRoot: null, log: quiet, now: () => NOW, config: cfg });
    const api = await (await app.request('/api/metrics?metric=count,mtta,mttr&from=2026-10-01&to=2026-11-01&filter=service=api')).json();
    const row = api.rows[0];
    // service=api in October: A1 (5m, 2h) and A2 (10m, 1h): 2 incidents, medians 7m 30s and 1h 30m.
    expect([row.count, row.mtta_median, row.mttr_median]).toEqual([2, 7.5 * M, 1.5 * H]);
    const text = smtp.received[0]!.mail.text!;
    expect(text).toContain('Incidents: 2 (September 2026: 1,');
    expect(text).toContain('MTTA: 8m (September 2026: 15m,'); // 7m 30s shown to the minute
    expect(text).toContain('MTTR: 1h 30m (September 2026: 3h 00m,');
    expect(text).toContain('Scope: service = api, drills excluded');
  });

  it('matches the HTML snapshot', async () => {
    await send(config(smtp.port, MONTHLY)).result;
    const html = String(smtp.received[0]!.mail.html);
    if (!existsSync(SNAPSHOT)) writeFileSync(SNAPSHOT, html);
    expect(html).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });
});

describe('exactly once', () => {
  it('a second run of the same period sends nothing', async () => {
    const cfg = config(smtp.port, MONTHLY);
    expect((await send(cfg).result).status).toBe('sent');
    expect((await send(cfg).result).status).toBe('already');
    expect(smtp.received).toHaveLength(1);
  });

  it('SMTP down, then up: retried with doubling backoff, delivered once', async () => {
    const cfg = config(smtp.port, MONTHLY);
    await smtp.stop();
    // The server comes back during the second wait.
    const { result, sleeps } = send(cfg, 'monthly', RUN, async () => { if (sleepsSeen++ === 1) await smtp.start(); });
    let sleepsSeen = 0;
    expect((await result).status).toBe('sent');
    expect(sleeps).toEqual([1000, 2000]);
    expect(smtp.received).toHaveLength(1);
    const attempts = await listAttempts(db.connection, 'monthly', '2026-10');
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(attempts[0]!.error).toMatch(/^Sending failed: .*ECONNREFUSED/);
  });

  it('a refused recipient does not block the others; it is retried alone, then recorded as failed', async () => {
    const cfg = config(smtp.port, MONTHLY);
    smtp.refuse.add('vp@example.com');
    const { result } = send(cfg);
    const outcome = await result;
    expect(outcome.status).toBe('partial');
    expect(smtp.received.map((r) => r.envelope.to.sort())).toEqual([['cto@example.com', 'ops@example.com']]);
    const delivery = await findDelivery(db.connection, 'monthly', '2026-10');
    expect(delivery).toMatchObject({ status: 'partial', attempts: 3, recipients: { 'cto@example.com': 'sent', 'ops@example.com': 'sent', 'vp@example.com': 'failed' } });
    // The last attempt's reason: the server refused the one recipient left.
    expect(delivery!.error).toBe("Sending failed: Can't send mail - all recipients were rejected: 550 vp@example.com: no such mailbox");
    const attempts = await listAttempts(db.connection, 'monthly', '2026-10');
    expect(attempts.map((a) => [a.outcome, a.accepted.sort(), a.rejected])).toEqual([
      ['rejected', ['cto@example.com', 'ops@example.com'], ['vp@example.com']],
      ['rejected', [], ['vp@example.com']],
      ['rejected', [], ['vp@example.com']],
    ]);
    const app = createApp({ db, webRoot: null, log: quiet, now: () => NOW, config: cfg });
    const answer = await (await app.request('/api/deliveries')).json();
    expect(answer.warnings.map((d: { schedule: string; status: string }) => [d.schedule, d.status])).toEqual([['monthly', 'partial']]);
  });
});

describe('schedules', () => {
  it('skip_when_empty records a skipped delivery and sends nothing', async () => {
    const cfg = config(smtp.port, `  - { name: quiet-team, cron: "0 8 1 * *", period: previous-month, to: [lead@example.com], filter: { team: nobody }, skip_when_empty: true }\n`);
    expect((await send(cfg, 'quiet-team').result).status).toBe('skipped');
    expect(smtp.received).toHaveLength(0);
    expect(await findDelivery(db.connection, 'quiet-team', '2026-10')).toMatchObject({ status: 'skipped', subject: 'Incidents, October 2026: none in scope' });
  });

  it('a weekly email in Europe/London over the week the clocks go back', async () => {
    // Week 43 of 2026 in London: Monday 19 Oct 00:00 BST (18 Oct 23:00Z) to Monday 26 Oct 00:00 GMT
    // (26 Oct 00:00Z); the clocks went back on Sunday 25 Oct. Three incidents at its edges in
    // UTC: two inside by local time, one outside.
    await seed(db.connection, {
      incidents: [
        { external_id: 'W-in-start', severity: 'SEV2', service: 'edge', opened_at: '2026-10-18T23:30:00Z', acknowledged_at: '2026-10-18T23:40:00Z', resolved_at: '2026-10-19T00:30:00Z' },
        { external_id: 'W-in-end', severity: 'SEV2', service: 'edge', opened_at: '2026-10-25T23:30:00Z', acknowledged_at: '2026-10-25T23:50:00Z', resolved_at: '2026-10-26T01:30:00Z' },
        { external_id: 'W-out', severity: 'SEV2', service: 'edge', opened_at: '2026-10-26T00:30:00Z', acknowledged_at: '2026-10-26T00:35:00Z', resolved_at: '2026-10-26T01:00:00Z' },
      ],
    });
    try {
      const cfg = config(smtp.port, `  - { name: weekly, cron: "0 8 * * 1", tz: Europe/London, period: previous-week, to: [ops@example.com], filter: { service: edge } }\n`);
      // The Monday 08:00 London run after the change is 08:00Z (the one before was 07:00Z).
      const { result } = send(cfg, 'weekly', new Date('2026-10-26T08:00:00Z'));
      expect((await result).status).toBe('sent');
      expect(await findDelivery(db.connection, 'weekly', '2026-W43')).toMatchObject({ status: 'sent', due_at: '2026-10-26T08:00:00.000Z' });
      const mail = smtp.received[0]!.mail;
      expect(mail.subject).toBe('Incidents, 19 Oct 2026 – 25 Oct 2026: MTTR 1h 30m (too few to tell), 2 incidents');
      // MTTA 10m and 20m → 15m; MTTR 1h and 2h → 1h 30m.
      expect(mail.text).toContain('MTTA: 15m (12 Oct 2026 – 18 Oct 2026: —, —) — too few to tell (n = 2 vs 0)');
      expect(mail.text).toContain('dates in Europe/London');
    } finally {
      await db.connection.run("DELETE FROM incidents WHERE external_id LIKE 'W-%'");
    }
  });
});

describe('SMTP security', () => {
  const TLS = { key: readFileSync(fileURLToPath(new URL('../fixtures/tls/localhost-key.pem', import.meta.url))), cert: readFileSync(fileURLToPath(new URL('../fixtures/tls/localhost-cert.pem', import.meta.url))) };
  const CA = fileURLToPath(new URL('../fixtures/tls/localhost-cert.pem', import.meta.url));
  const tlsConfig = (port: number, secure: string, ca: string | null) => parseConfig(`smtp: { host: localhost, port: ${port}, secure: ${secure}, from: "H <h@example.com>"${ca ? `, ca_file: "${ca}"` : ''} }
email: { attempts: 1 }
schedules:
  - { name: secure, cron: "0 8 1 * *", period: previous-month, to: [cto@example.com] }
`, null);

  it.each([['starttls', false], ['tls', true]] as const)('%s: sent encrypted to a server with a trusted certificate', async (secure, implicit) => {
    const server = await startSmtp(0, { secure: implicit, tls: TLS });
    try {
      const { result } = send(tlsConfig(server.port, secure, CA), 'secure');
      expect((await result).status).toBe('sent');
      expect(server.received.map((r) => r.secure)).toEqual([true]);
    } finally {
      await server.stop();
    }
  });

  it('an untrusted certificate is a recorded failure, not a plain-text send', async () => {
    const server = await startSmtp(0, { tls: TLS });
    try {
      const { result } = send(tlsConfig(server.port, 'starttls', null), 'secure');
      expect((await result).status).toBe('failed');
      expect(server.received).toHaveLength(0);
      expect((await findDelivery(db.connection, 'secure', '2026-10'))!.error).toMatch(/^Sending failed: .*self[- ]signed certificate/);
    } finally {
      await server.stop();
    }
  });

  it('starttls refuses a server that offers no TLS', async () => {
    const { result } = send(tlsConfig(smtp.port, 'starttls', CA), 'secure');
    expect((await result).status).toBe('failed');
    expect(smtp.received).toHaveLength(0);
  });
});
