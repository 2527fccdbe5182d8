/**
 * One summary email for one (schedule, period), exactly once: the delivery is claimed in the
 * deliveries table before anything is sent (queries/deliveries.ts), so a second run, a manual
 * send or a restart finds it; recipients the SMTP server accepted are recorded after each
 * attempt, so a retry or a resumed delivery goes only to those still waiting. SMTP failures are
 * retried with doubling backoff; what still fails is recorded as failed, with the reason, and
 * shown (GET /api/deliveries). A refused recipient never blocks the others.
 *
 * Hazard named: if the process dies after the SMTP server accepted a message but before the
 * acceptance was recorded, the resumed delivery sends that recipient a second copy (same
 * Message-ID, so mail clients can fold them). Dying before the server accepted (the usual case:
 * the message is transferred, then accepted) sends it once.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../../queries/compile/context.ts';
import { claimDelivery, finishDelivery, recordAttempt, setRecipients, type Delivery, type RecipientState } from '../../queries/deliveries.ts';
import { InputError } from '../../queries/errors.ts';
import { buildReport, buildSummary, parseReportRequest, type ReportSummary } from '../../queries/report.ts';
import { reportIncidentRows } from '../../queries/report/rows.ts';
import type { Target } from '../../queries/targets/target.ts';
import type { EmailSettings, ScheduleConfig, SmtpConfig } from '../config/email.ts';
import type { Logger } from '../deps.ts';
import { renderReportHtml } from '../report/html.ts';
import { htmlToPdf } from '../report/pdf.ts';
import { renderReportXlsx } from '../report/xlsx.ts';
import { composeEmail, type ComposedEmail } from './compose.ts';
import type { EmailPeriod } from './periods.ts';
import type { Transport } from './transport.ts';

export interface EmailContext {
  connection: DuckDBConnection;
  smtp: SmtpConfig;
  settings: EmailSettings;
  targets: readonly Target[];
  baseUrl: string | null;
  chromium: string;
  transport: Transport;
  log: Logger;
  /** The compile context (settings + clock) for the report's numbers. */
  context: () => CompileContext;
  now: () => Date;
  /** Waits between attempts; aborts with the signal. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Message {
  email: ComposedEmail;
  /** The full report when a PDF or XLSX is attached; the email's sections of it otherwise. */
  report: ReportSummary;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** The report and the email for a schedule's period, with its attachments (PDF, XLSX) when asked for. */
export async function buildMessage(ctx: Pick<EmailContext, 'connection' | 'targets' | 'baseUrl' | 'chromium' | 'context'>, schedule: ScheduleConfig, period: EmailPeriod): Promise<Message> {
  const { report: request, errors } = parseReportRequest({ ...period.request, tz: schedule.tz, filter: schedule.filter });
  if (!request) throw new InputError(`Schedule ${schedule.name}: ${errors.join(' ')}`);
  const context = ctx.context();
  // The body reads only the summary's sections; the full report (twice the statements and
  // comparisons at a busy month) is built only for an attachment that renders all of it.
  if (!schedule.attach.includes('pdf') && !schedule.attach.includes('xlsx')) {
    const summary = await buildSummary(ctx.connection, request, ctx.targets, context);
    return { email: composeEmail(summary, { schedule: schedule.name, filters: schedule.filter, period, tz: schedule.tz, baseUrl: ctx.baseUrl }), report: summary, attachments: [] };
  }
  const report = await buildReport(ctx.connection, request, ctx.targets, context);
  const email = composeEmail(report, { schedule: schedule.name, filters: schedule.filter, period, tz: schedule.tz, baseUrl: ctx.baseUrl });
  const attachments: Message['attachments'] = [];
  const base = `hindsight-${schedule.name}-${period.key}`;
  if (schedule.attach.includes('pdf') && !email.empty) attachments.push({ filename: `${base}.pdf`, content: await htmlToPdf(renderReportHtml(report), ctx.chromium), contentType: 'application/pdf' });
  if (schedule.attach.includes('xlsx') && !email.empty) {
    attachments.push({ filename: `${base}.xlsx`, content: await renderReportXlsx(report, await reportIncidentRows(ctx.connection, request.scope, context)), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }
  return { email, report, attachments };
}

/** The nodemailer message: both parts, the cid images, the attachments, a stable Message-ID. */
export function mailOf(smtp: SmtpConfig, schedule: ScheduleConfig, period: EmailPeriod, message: Message, to: string[] = schedule.to, cc: string[] = schedule.cc) {
  return {
    from: smtp.from,
    to,
    cc,
    subject: message.email.subject,
    text: message.email.text,
    html: message.email.html,
    messageId: `<${schedule.name}.${period.key}@hindsight>`,
    attachments: [
      ...message.email.images.map((image) => ({ filename: image.filename, content: image.png, cid: image.cid, contentType: 'image/png', contentDisposition: 'inline' as const })),
      ...message.attachments,
    ],
  };
}

export type DeliveryResult = { status: 'sent' | 'partial' | 'failed' | 'skipped' | 'interrupted'; delivery: Delivery } | { status: 'already'; delivery: null };

const addressOf = (item: unknown) => (typeof item === 'string' ? item : String((item as { address?: string }).address ?? item));

export async function deliver(ctx: EmailContext, schedule: ScheduleConfig, period: EmailPeriod, dueAt: Date, options: { late: boolean; signal?: AbortSignal }): Promise<DeliveryResult> {
  const recipients = [...new Set([...schedule.to, ...schedule.cc])];
  const key = { schedule: schedule.name, period: period.key };
  const claimed = await claimDelivery(ctx.connection, { ...key, dueAt, late: options.late, recipients, now: ctx.now() });
  if (!claimed) return { status: 'already', delivery: null };
  const states: Record<string, RecipientState> = { ...Object.fromEntries(recipients.map((r) => [r, 'pending' as RecipientState])), ...claimed.recipients };
  const finish = async (status: 'sent' | 'partial' | 'failed' | 'skipped' | 'interrupted', error: string | null = null, subject: string | null = null): Promise<DeliveryResult> => {
    await finishDelivery(ctx.connection, key, status, ctx.now(), error, subject);
    return { status, delivery: { ...claimed, status, recipients: states } };
  };
  let message: Message;
  try {
    message = await buildMessage(ctx, schedule, period);
  } catch (error) {
    // Not sendable at all (a report that failed, Chromium missing for a PDF): recorded and shown, then raised.
    await finish('failed', `The email could not be composed: ${(error as Error).message}`);
    throw error;
  }
  if (message.email.empty && schedule.skip_when_empty) {
    ctx.log.info(`email ${schedule.name} ${period.key}: skipped, no incident in scope (skip_when_empty).`);
    return finish('skipped', null, message.email.subject);
  }
  const mail = mailOf(ctx.smtp, schedule, period, message);
  let lastError: string | null = null;
  for (let attempt = claimed.attempts + 1, tries = 0; tries < ctx.settings.attempts; attempt++, tries++) {
    if (options.signal?.aborted) return finish('interrupted', 'The server stopped before the email was sent.');
    const pending = recipients.filter((r) => states[r] !== 'sent');
    let accepted: string[] = [];
    let rejected: string[] = [];
    try {
      const info = await ctx.transport.sendMail({ ...mail, envelope: { from: mail.from, to: pending } });
      accepted = (info.accepted ?? []).map(addressOf);
      rejected = (info.rejected ?? []).map(addressOf);
      lastError = rejected.length ? `The SMTP server refused ${rejected.join(', ')}${info.rejectedErrors?.length ? `: ${info.rejectedErrors.map((e: Error) => e.message).join('; ')}` : ''}.` : null;
    } catch (error) {
      const err = error as Error & { rejected?: unknown[] };
      rejected = (err.rejected ?? []).map(addressOf);
      lastError = `Sending failed: ${err.message}`;
    }
    for (const address of accepted) states[address] = 'sent';
    const outcome = accepted.length && !rejected.length && accepted.length === pending.length ? 'sent' : accepted.length || rejected.length ? 'rejected' : 'failed';
    await recordAttempt(ctx.connection, key, { attempt, at: ctx.now().toISOString(), outcome, accepted, rejected, error: lastError }, states, { subject: message.email.subject, message_id: mail.messageId });
    if (recipients.every((r) => states[r] === 'sent')) return finish('sent', null, message.email.subject);
    ctx.log.error(`email ${schedule.name} ${period.key}: attempt ${attempt} did not reach ${recipients.filter((r) => states[r] !== 'sent').join(', ')}: ${lastError ?? 'no reason given'}`);
    if (tries + 1 < ctx.settings.attempts) {
      try {
        await ctx.sleep(ctx.settings.backoff * 1000 * 2 ** tries, options.signal);
      } catch (error) {
        // Only a stop ends the wait early; the delivery resumes at the next start.
        if (options.signal?.aborted) return finish('interrupted', 'The server stopped between attempts; the rest is sent at the next start.');
        throw error;
      }
    }
  }
  for (const r of recipients) if (states[r] !== 'sent') states[r] = 'failed';
  const anySent = recipients.some((r) => states[r] === 'sent');
  await setRecipients(ctx.connection, key, states);
  return finish(anySent ? 'partial' : 'failed', lastError);
}
