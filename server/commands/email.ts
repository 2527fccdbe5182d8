/**
 * `hindsight email list` — each schedule with its next run and latest delivery.
 * `hindsight email send --schedule NAME [--period 2026-10] [--to ADDR ...] [--dry-run --out DIR]`
 *   sends one schedule's email by hand: for its previous period (or --period), recorded as that
 *   period's delivery, so it is never sent twice (a delivered period says so and sends nothing).
 *   --to sends a copy to other addresses instead, as a test, without recording a delivery;
 *   --dry-run writes the message (.eml) and its HTML body to --out instead of sending.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { findDelivery, listDeliveries } from '../../queries/deliveries.ts';
import { InputError } from '../../queries/errors.ts';
import { loadConfig, type HindsightConfig } from '../config.ts';
import type { ScheduleConfig } from '../config/email.ts';
import { consoleLogger } from '../deps.ts';
import { buildMessage, deliver, mailOf } from '../email/deliver.ts';
import { PERIOD_EXAMPLE, dueRuns, namedPeriod, nextRun, periodBefore, type EmailPeriod } from '../email/periods.ts';
import { createTransport } from '../email/transport.ts';
import { emailContext } from '../scheduler/email-jobs.ts';
import { configOption, dbOption } from './options.ts';

type SendFlags = { schedule: string; period?: string; to: string[]; dryRun?: boolean; out?: string; db?: string; config?: string };

function findSchedule(config: HindsightConfig, name: string): ScheduleConfig {
  const schedule = config.schedules.find((s) => s.name === name);
  if (!schedule) {
    const names = config.schedules.map((s) => s.name);
    throw new InputError(`No schedule named "${name}" in ${config.path ?? 'hindsight.yaml'}; ${names.length ? `schedules: ${names.join(', ')}` : 'it defines no schedules'}.`);
  }
  return schedule;
}

function periodOf(schedule: ScheduleConfig, text: string | undefined, now: Date): EmailPeriod {
  if (text === undefined) return periodBefore(schedule.period, now, schedule.tz);
  const period = namedPeriod(schedule.period, text);
  if (!period) throw new InputError(`--period "${text}" is not a period of schedule ${schedule.name} (${schedule.period}); write it like ${PERIOD_EXAMPLE[schedule.period]}.`);
  return period;
}

export function emailCommand(): Command {
  const email = new Command('email').description('summary emails: list the schedules, or send one by hand');
  email.command('list')
    .description('each schedule with its next run and latest delivery')
    .addOption(dbOption())
    .addOption(configOption())
    .action(async (opts: { db?: string; config?: string }) => {
      const config = loadConfig(opts.config);
      if (!config.schedules.length) {
        console.log(`No schedules in ${config.path ?? 'hindsight.yaml'}.`);
        return;
      }
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const deliveries = await listDeliveries(db.connection, 1000);
        const now = new Date();
        for (const s of config.schedules) {
          const last = deliveries.find((d) => d.schedule === s.name);
          const next = nextRun(s.cron, s.tz, now);
          console.log(`${s.name}: "${s.cron}" (${s.tz}), ${s.period}, to ${[...s.to, ...s.cc].join(', ')}${s.filter.length ? `, scope ${s.filter.join(' ')}` : ''}`);
          console.log(`  next run ${next ? next.toISOString() : 'never'}; last delivery ${last ? `${last.period} ${last.status}${last.late ? ' (late)' : ''} at ${last.finished_at ?? last.claimed_at}` : 'none'}`);
        }
      } finally {
        db.close();
      }
    });
  email.command('send')
    .description("send a schedule's email now (for its previous period, or --period)")
    .requiredOption('--schedule <name>', 'the schedule in hindsight.yaml')
    .option('--period <period>', 'which period: 2026-10 (monthly), 2026-Q3 (quarterly), 2026-W43 (weekly); default the previous one')
    .option('--to <address>', 'send a test copy to this address instead (repeatable); not recorded as a delivery', (v: string, acc: string[]) => [...acc, v], [])
    .option('--dry-run', 'write the message instead of sending it (needs --out)')
    .option('--out <dir>', 'folder for --dry-run: <schedule>-<period>.eml and .html')
    .addOption(dbOption())
    .addOption(configOption())
    .action(async (opts: SendFlags) => {
      const config = loadConfig(opts.config);
      const schedule = findSchedule(config, opts.schedule);
      if (opts.dryRun && !opts.out) throw new InputError('--dry-run writes files: give --out DIR.');
      if (opts.out && !opts.dryRun) throw new InputError('--out goes with --dry-run (the message is written instead of sent).');
      const now = new Date();
      const period = periodOf(schedule, opts.period, now);
      const transport = opts.dryRun ? null : createTransport(config.smtp!);
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const ctx = emailContext(db.connection, config, transport!, { log: consoleLogger });
        if (opts.dryRun || opts.to.length) {
          const message = await buildMessage(ctx, schedule, period);
          const mail = mailOf(config.smtp!, schedule, period, message, opts.to.length ? opts.to : schedule.to, opts.to.length ? [] : schedule.cc);
          if (opts.dryRun) {
            const dir = resolve(opts.out!);
            mkdirSync(dir, { recursive: true });
            const base = join(dir, `${schedule.name}-${period.key}`);
            writeFileSync(`${base}.eml`, await new MailComposer(mail).compile().build());
            writeFileSync(`${base}.html`, message.email.html);
            console.error(`Wrote ${base}.eml and ${base}.html ("${message.email.subject}"); nothing was sent.`);
          } else {
            const info = await transport!.sendMail(mail);
            console.error(`Sent a test copy of "${message.email.subject}" to ${info.accepted.map(String).join(', ')}${info.rejected.length ? `; refused: ${info.rejected.map(String).join(', ')}` : ''}. Not recorded as the schedule's delivery.`);
          }
          return;
        }
        // A by-hand send of a period whose run is still to come is not late; one whose run has passed is.
        const due = dueRuns(schedule.cron, schedule.tz, new Date(`${period.to}T00:00:00Z`), now, 1)[0] ?? now;
        const result = await deliver(ctx, schedule, period, due, { late: due < now });
        if (result.status === 'already') {
          const existing = await findDelivery(db.connection, schedule.name, period.key);
          console.error(`${schedule.name} ${period.key} was already ${existing?.status ?? 'claimed'}${existing?.finished_at ? ` at ${existing.finished_at}` : ''}; nothing was sent.`);
          return;
        }
        const failed = Object.entries(result.delivery.recipients).filter(([, state]) => state !== 'sent').map(([address]) => address);
        console.error(`${schedule.name} ${period.key}: ${result.status}${failed.length ? `; not reached: ${failed.join(', ')}` : ''}.`);
        if (result.status === 'failed' || result.status === 'partial') process.exitCode = 1;
      } finally {
        db.close();
      }
    });
  return email;
}
