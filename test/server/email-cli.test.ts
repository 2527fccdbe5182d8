/** `hindsight email list|send` through the real CLI: the dry run's files, a send recorded once, and exit 2 with one sentence on bad input. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.ts';
import { reportFixture } from '../queries/golden/report-fixture.ts';
import { hindsight, hindsightAsync } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const dir = tempDir('hindsight-email-cli-');
const db = dir.path('cli.duckdb');
const config = dir.path('hindsight.yaml');
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
  (await reportFixture(db)).close();
  writeFileSync(config, `smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: none, from: "Hindsight <hindsight@example.com>" }
base_url: https://hindsight.example.com
schedules:
  - { name: monthly, cron: "0 8 1 * *", tz: Europe/London, period: previous-month, to: [cto@example.com], filter: { severity: [SEV1, SEV2] } }
`);
});
afterAll(async () => {
  await smtp.stop();
  dir.remove();
});

describe('hindsight email', () => {
  it('--dry-run writes the .eml and .html and sends nothing', async () => {
    const out = dir.path('mail');
    const result = hindsight(['email', 'send', '--schedule', 'monthly', '--period', '2026-10', '--dry-run', '--out', out, '--db', db, '--config', config]);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['monthly-2026-10.eml', 'monthly-2026-10.html']);
    // SEV1–2 in October: A1 (SEV1, MTTR 2h) and A2 (SEV2, 1h): median 1h 30m; September: B1 (3h).
    expect(result.stderr).toContain('("Incidents, October 2026: MTTR 1h 30m (−50%, too few to tell), 1 SEV1"); nothing was sent.');
    const mail = await simpleParser(readFileSync(`${out}/monthly-2026-10.eml`), { keepCidLinks: true });
    expect(mail.subject).toBe('Incidents, October 2026: MTTR 1h 30m (−50%, too few to tell), 1 SEV1');
    expect(mail.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(3);
    expect(readFileSync(`${out}/monthly-2026-10.html`, 'utf8')).toBe(String(mail.html));
    expect(smtp.received).toHaveLength(0);
  }, 120_000);

  it('send records the delivery; a second send says so and sends nothing; list shows it', async () => {
    const first = await hindsightAsync(['email', 'send', '--schedule', 'monthly', '--period', '2026-10', '--db', db, '--config', config]);
    expect([first.code, first.stderr.trim()]).toEqual([0, 'monthly 2026-10: sent.']);
    const again = await hindsightAsync(['email', 'send', '--schedule', 'monthly', '--period', '2026-10', '--db', db, '--config', config]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^monthly 2026-10 was already sent at \d{4}-\d{2}-\d{2}T[\d:.]+Z; nothing was sent\.$/m);
    expect(smtp.received).toHaveLength(1);
    const list = hindsight(['email', 'list', '--db', db, '--config', config]);
    expect(list.stdout).toContain('monthly: "0 8 1 * *" (Europe/London), previous-month, to cto@example.com, scope severity=SEV1 severity=SEV2');
    expect(list.stdout).toMatch(/last delivery 2026-10 sent/);
  }, 120_000);

  it('--to sends a test copy that is not the delivery', async () => {
    const result = await hindsightAsync(['email', 'send', '--schedule', 'monthly', '--period', '2026-09', '--to', 'me@example.com', '--db', db, '--config', config]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('to me@example.com. Not recorded as the schedule\'s delivery.');
    expect(smtp.received.at(-1)!.envelope.to).toEqual(['me@example.com']);
  }, 120_000);

  it('exit 2 with one sentence: unknown schedule, a period of the wrong kind, --dry-run without --out', () => {
    const unknown = hindsight(['email', 'send', '--schedule', 'weekly', '--db', db, '--config', config]);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, `No schedule named "weekly" in ${config}; schedules: monthly.`]);
    const period = hindsight(['email', 'send', '--schedule', 'monthly', '--period', '2026-W43', '--db', db, '--config', config]);
    expect([period.code, period.stderr.trim()]).toEqual([2, '--period "2026-W43" is not a period of schedule monthly (previous-month); write it like 2026-10.']);
    const dry = hindsight(['email', 'send', '--schedule', 'monthly', '--dry-run', '--db', db, '--config', config]);
    expect([dry.code, dry.stderr.trim()]).toEqual([2, '--dry-run writes files: give --out DIR.']);
  }, 120_000);
});

describe('hindsight.yaml email settings', () => {
  it('every problem at once, each naming its key', () => {
    expect(() => parseConfig(`smtp: { host: h, from: "H <h@example.com>", user_env: SMTP_USER }
base_url: ftp://x
schedules:
  - { name: a, cron: "0 8 61 * *", tz: Mars/Base, period: last-month, to: [cto], filter: { colour: red }, attach: [docx] }
`, null)).toThrow([
      'hindsight.yaml: smtp.pass_env: user_env and pass_env go together: give both (or neither, for a server without login).',
      'hindsight.yaml: base_url: "ftp://x" is not an http(s) address like https://hindsight.example.com.',
      'hindsight.yaml: schedules[0].cron: "0 8 61 * *" is not a cron pattern like "0 8 1 * *" (minute hour day month weekday).',
      'hindsight.yaml: schedules[0].tz: "Mars/Base" is not an IANA time zone such as Europe/London.',
      'hindsight.yaml: schedules[0].period: "last-month" is not allowed; allowed: previous-week, previous-month, previous-quarter.',
      'hindsight.yaml: schedules[0].to[0]: "cto" is not an email address like cto@example.com.',
      'hindsight.yaml: schedules[0].filter: Unknown dimension "colour" in filter; allowed dimensions: severity, service, team, root_cause, source, assignee, drill, owner, custom.<key>.',
      'hindsight.yaml: schedules[0].attach[0]: "docx" is not allowed; allowed: pdf, xlsx.',
    ].join('\n'));
    expect(() => parseConfig('schedules:\n  - { name: a, cron: "0 8 1 * *", period: previous-month, to: [cto@example.com] }\n', null))
      .toThrow('hindsight.yaml: smtp: schedules are set, so smtp (host, from, …) is required to send them.');
  });

  it('a missing SMTP login variable stops the server before it starts', async () => {
    const path = dir.path('login.yaml');
    writeFileSync(path, `smtp: { host: 127.0.0.1, port: ${smtp.port}, from: "H <h@example.com>", user_env: HS_TEST_SMTP_USER, pass_env: HS_TEST_SMTP_PASS }
schedules:
  - { name: a, cron: "0 8 1 * *", period: previous-month, to: [cto@example.com] }
`);
    const result = hindsight(['serve', '--port', '0', '--no-demo', '--db', dir.path('login.duckdb'), '--config', path], { HS_TEST_SMTP_USER: 'u' });
    expect([result.code, result.stderr.trim()]).toEqual([2, 'hindsight.yaml: smtp names HS_TEST_SMTP_PASS for the SMTP login, but it is not set in the environment.']);
  }, 120_000);
});
