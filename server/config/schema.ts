/**
 * The shape of hindsight.yaml, validated with zod. Every key is optional and documents its
 * default; unknown keys are errors (a typo such as `calender:` must not silently fall back to
 * defaults); `sources:` is validated by the connectors' own schema (ingest/connectors/config.ts).
 * Values are converted here (durations to seconds, weekday names to ISO numbers, target text
 * to Target objects), so the rest of the program never re-reads text.
 */
import { sourcesSchema } from '../../ingest/connectors/config.ts';
import { emailSettingsSchema, schedulesSchema, smtpSchema } from './email.ts';
import { z } from 'zod';
import { notADuration, parseDuration } from '../../queries/duration.ts';
import { isTimeZone } from '../../queries/time-zone.ts';
import { parseTargetText, targetFromParts, TARGET_FORMS, type Parsed } from '../../queries/targets/parse.ts';
import type { Target } from '../../queries/targets/target.ts';

const STATUSES = ['open', 'acknowledged', 'on_hold', 'resolved', 'closed', 'canceled'] as const;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SEVERITY_KEY = /^SEV([1-9])$/i;

const duration = z.string().or(z.number()).transform((value, ctx) => {
  const seconds = typeof value === 'string' ? parseDuration(value) : null;
  if (seconds === null) ctx.addIssue({ code: 'custom', message: notADuration(value) });
  return seconds ?? 0;
});

const weekday = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const iso = typeof value === 'number' ? value : WEEKDAYS.indexOf(value.trim().slice(0, 3).toLowerCase()) + 1;
  if (!Number.isInteger(iso) || iso < 1 || iso > 7) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a weekday; use mon … sun or 1 (Monday) … 7.` });
  return iso;
});

const hours = z.string().transform((value, ctx) => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)$/.exec(value.trim());
  const start = match ? `${match[1]}:${match[2]}` : '';
  const end = match ? `${match[3]}:${match[4]}` : '';
  if (!match || start >= end || end > '24:00') ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not working hours like "09:00-17:00" (start before end, 24-hour clock).` });
  return { start, end };
});

const date = z.string().refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
  error: (issue) => `${JSON.stringify(issue.input)} is not a date like 2026-12-25.`,
});

const calendar = z.strictObject({
  /** IANA zone; default UTC. */
  tz: z.string().refine(isTimeZone, { error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone such as Europe/London.` }).default('UTC'),
  /** Default mon–fri. */
  workdays: z.array(weekday).default([1, 2, 3, 4, 5]),
  /** Default 09:00-17:00. */
  hours: hours.default({ start: '09:00', end: '17:00' }),
  /** Default none. */
  holidays: z.array(date).default([]),
});

/** `SEV1: 30m` — the longest silence between stakeholder updates, by severity → seconds by rank. */
const communication = z.record(z.string(), z.unknown()).transform((plan, ctx) => {
  const byRank: Record<number, number> = {};
  for (const [key, value] of Object.entries(plan)) {
    const rank = SEVERITY_KEY.exec(key)?.[1];
    const seconds = typeof value === 'string' ? parseDuration(value) : null;
    if (!rank) ctx.addIssue({ code: 'custom', path: [key], message: `${JSON.stringify(key)} is not a severity; use SEV1, SEV2, … (SEV1 = most severe).` });
    else if (seconds === null) ctx.addIssue({ code: 'custom', path: [key], message: notADuration(value) });
    else byRank[Number(rank)] = seconds;
  }
  return byRank;
});

const targetItem = z.strictObject({
  severity: z.string().optional(),
  target: z.string().optional(),
  metric: z.string().optional(),
  share: z.union([z.string(), z.number()]).optional(),
  aggregate: z.string().optional(),
  operator: z.string().optional(),
  threshold: z.string().or(z.number()).transform(String).optional(),
}).transform((item, ctx): Target => {
  const parts = item.target === undefined;
  const parsed: Parsed = parts
    ? targetFromParts({ ...item, severity: item.severity ?? null })
    : parseTargetText(item.target!, item.severity ?? null);
  if (!parts && (item.metric ?? item.share ?? item.aggregate ?? item.operator ?? item.threshold) !== undefined) {
    ctx.addIssue({ code: 'custom', message: `give either target: "…" or its parts (metric, share or aggregate, threshold), not both; ${TARGET_FORMS}.` });
  }
  for (const problem of parsed.problems) {
    const message = parts || problem.field === 'target' ? problem.message : `${JSON.stringify(item.target)}: ${problem.message}`;
    ctx.addIssue({ code: 'custom', path: [parts ? problem.field : 'target'], message });
  }
  return parsed.target ?? ({} as Target);
});

export const configSchema = z.strictObject({
  /** Source severity value → rank (1 = most severe); added to the built-in aliases. */
  severity: z.record(z.string(), z.number().int().min(1).max(9)).default({}),
  /** Source status value → canonical status; added to the built-in aliases. */
  status: z.record(z.string(), z.enum(STATUSES)).default({}),
  calendar: calendar.default({ tz: 'UTC', workdays: [1, 2, 3, 4, 5], hours: { start: '09:00', end: '17:00' }, holidays: [] }),
  /** Default SEV1: 30m, SEV2: 1h. */
  communication: communication.default({ 1: 1800, 2: 3600 }),
  reviews: z.strictObject({ /** Default 7d. */ due_within: duration.default(7 * 86_400) }).default({ due_within: 7 * 86_400 }),
  recurrence: z.strictObject({ /** Default 30d. */ within: duration.default(30 * 86_400) }).default({ within: 30 * 86_400 }),
  /** Default none. */
  targets: z.array(targetItem).default([]),
  /** SMTP server for summary emails; required when schedules are given. */
  smtp: smtpSchema.optional(),
  /** The dashboard's public address, for links in emails (e.g. https://hindsight.example.com). */
  base_url: z.url({ protocol: /^https?$/, error: (issue) => `${JSON.stringify(issue.input)} is not an http(s) address like https://hindsight.example.com.` }).optional(),
  /** Summary emails (server/email/). Default none. */
  schedules: schedulesSchema.default([]),
  /** Delivery settings for summary emails. */
  email: emailSettingsSchema.default({ catch_up: 2 * 86_400, attempts: 4, backoff: 60 }),
  /** Path of a Chromium executable for PDF reports; default $HINDSIGHT_CHROMIUM, else /usr/bin/chromium. */
  chromium: z.string().min(1).optional(),
  /** Issue 6 defines this; kept as written (unknown keys allowed here only). */
  sources: sourcesSchema.default([]),
});

/** Schedules need somewhere to send from: checked across keys, after each key's own checks. */
export const configWithChecks = configSchema.superRefine((file, ctx) => {
  if (file.schedules.length > 0 && !file.smtp) ctx.addIssue({ code: 'custom', path: ['smtp'], message: 'schedules are set, so smtp (host, from, …) is required to send them.' });
});

export type HindsightConfigFile = z.output<typeof configSchema>;
