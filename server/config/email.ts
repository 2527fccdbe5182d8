/**
 * hindsight.yaml's email settings: the SMTP server (secrets named by environment variable, never
 * written in the file), the dashboard's address for links, and the summary-email schedules.
 * Validated at load with one sentence per problem naming the key, like every other setting:
 * cron patterns are checked by croner, zones by Intl, filters by the request parser.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { notADuration, parseDuration } from '../../queries/duration.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { isTimeZone } from '../../queries/time-zone.ts';

export const SCHEDULE_PERIODS = ['previous-week', 'previous-month', 'previous-quarter'] as const;
export type SchedulePeriod = (typeof SCHEDULE_PERIODS)[number];
export const ATTACHMENTS = ['pdf', 'xlsx'] as const;

// Deliberately loose: a mailbox's grammar is the SMTP server's business; this catches typos
// such as a missing @ or a stray comma-separated list in one entry.
const address = z.string().refine((value) => /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(value.trim()), {
  error: (issue) => `${JSON.stringify(issue.input)} is not an email address like cto@example.com.`,
});

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: (issue) => `${JSON.stringify(issue.input)} is not an environment variable name such as SMTP_USER.` });

const duration = z.string().or(z.number()).transform((value, ctx) => {
  const seconds = typeof value === 'string' ? parseDuration(value) : null;
  if (seconds === null) ctx.addIssue({ code: 'custom', message: notADuration(value) });
  return seconds ?? 0;
});

export const smtpSchema = z.strictObject({
  host: z.string().min(1),
  /** Default 587 (STARTTLS), 465 for tls, 25 for none. */
  port: z.number().int().min(1).max(65_535).optional(),
  /** starttls (default): upgrade a plain connection and refuse to send without TLS; tls: TLS from the first byte; none: plain (a relay on localhost). */
  secure: z.enum(['starttls', 'tls', 'none']).default('starttls'),
  /** Environment variables holding the login; both or neither. */
  user_env: envName.optional(),
  pass_env: envName.optional(),
  from: z.string().min(1),
  /** PEM file of a certificate authority to trust besides the system's (an internal CA); relative to the working folder. */
  ca_file: z.string().min(1).optional(),
}).superRefine((smtp, ctx) => {
  if ((smtp.user_env === undefined) !== (smtp.pass_env === undefined)) ctx.addIssue({ code: 'custom', path: [smtp.user_env ? 'pass_env' : 'user_env'], message: 'user_env and pass_env go together: give both (or neither, for a server without login).' });
});

const cron = z.string().refine((pattern) => {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    // croner's exception says which field is wrong; the sentence below names the key and the fix.
    return false;
  }
}, { error: (issue) => `${JSON.stringify(issue.input)} is not a cron pattern like "0 8 1 * *" (minute hour day month weekday).` });

const filter = z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((value, ctx) => {
  const filters = Object.entries(value).flatMap(([dim, values]) => (Array.isArray(values) ? values : [values]).map((v) => `${dim}=${v}`));
  const { errors } = parseMetricRequest({ metric: 'count', filter: filters });
  for (const error of errors) ctx.addIssue({ code: 'custom', message: error });
  return filters;
});

export const scheduleSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: (issue) => `${JSON.stringify(issue.input)} is not a schedule name; use letters, digits, - _ and . (e.g. leadership-monthly).` }),
  cron,
  /** The zone the cron pattern and the period are read in. Default UTC. */
  tz: z.string().refine(isTimeZone, { error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone such as Europe/London.` }).default('UTC'),
  period: z.enum(SCHEDULE_PERIODS),
  to: z.array(address).min(1, { error: 'needs at least one address.' }),
  cc: z.array(address).default([]),
  /** `{ severity: [SEV1, SEV2] }`: the report's scope, as the dashboard's filters. Default: everything. */
  filter: filter.default([]),
  /** Send nothing for a period without incidents in scope (recorded as skipped). Default false. */
  skip_when_empty: z.boolean().default(false),
  attach: z.array(z.enum(ATTACHMENTS)).default([]),
});

export const emailSettingsSchema = z.strictObject({
  /** A period missed while the server was down is still sent at start when its run was at most this long ago. Default 2d. */
  catch_up: duration.default(2 * 86_400),
  /** Attempts per delivery before it is recorded as failed. Default 4. */
  attempts: z.number().int().min(1).max(20).default(4),
  /** Wait before the first retry; doubled for each further one. Default 1m. */
  backoff: duration.default(60),
});

export const schedulesSchema = z.array(scheduleSchema).superRefine((schedules, ctx) => {
  const seen = new Set<string>();
  schedules.forEach((schedule, i) => {
    if (seen.has(schedule.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${schedule.name}" is used by an earlier schedule; names must be unique.` });
    seen.add(schedule.name);
  });
});

export type SmtpConfig = z.output<typeof smtpSchema>;
export type ScheduleConfig = z.output<typeof scheduleSchema>;
export type EmailSettings = z.output<typeof emailSettingsSchema>;
