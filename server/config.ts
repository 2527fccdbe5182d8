/**
 * hindsight.yaml: loaded once at start, validated with precise messages, turned into what the
 * rest of the program needs — the compile context (calendar, communication plan, windows),
 * the severity/status alias overrides for imports, and the targets.
 *
 * Which file: `--config PATH` (must exist); else ./hindsight.yaml when present; else defaults.
 * Errors are InputError (exit 2 / never a stack trace), one sentence per problem, each naming
 * the file and key: `hindsight.yaml: targets[2].threshold: "5 mins" is not a duration like 5m, 2h or 1d.`
 * Secrets never live in this file (later sections name environment variables instead).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { CompileContext } from '../queries/compile/context.ts';
import type { SourceConfig } from '../ingest/connectors/config.ts';
import { InputError } from '../queries/errors.ts';
import type { Target } from '../queries/targets/target.ts';
import { configWithChecks } from './config/schema.ts';
import type { EmailSettings, ScheduleConfig, SmtpConfig } from './config/email.ts';
import { formatIssues } from './config/issues.ts';

export const DEFAULT_CONFIG_FILE = 'hindsight.yaml';

export interface HindsightConfig {
  /** Absolute path of the file read, or null when the defaults are in use. */
  path: string | null;
  /** Overrides for ingest's scheme (ingest/scheme.ts buildScheme's `overrides`). */
  scheme: { severity: Record<string, number>; status: Record<string, string> };
  /** The context without its clock: `contextAt(config, now)` adds it. */
  settings: Omit<CompileContext, 'now'>;
  targets: Target[];
  /** API sources to sync (ingest/connectors/config.ts), validated at load. */
  sources: SourceConfig[];
  smtp: SmtpConfig | null;
  /** The dashboard's public address for links in emails, without a trailing slash; null when not set. */
  baseUrl: string | null;
  schedules: ScheduleConfig[];
  email: EmailSettings;
  /** Chromium for PDF reports as configured (`chromium:`), or null for $HINDSIGHT_CHROMIUM / /usr/bin/chromium. */
  chromium: string | null;
}

/** Reads the chosen file (see the module comment); `cwd` is where ./hindsight.yaml is looked for. */
export function loadConfig(flag?: string, cwd: string = process.cwd()): HindsightConfig {
  if (flag !== undefined) {
    const path = resolve(cwd, flag);
    if (!existsSync(path)) throw new InputError(`${flag}: no such configuration file.`);
    return parseConfig(readFileSync(path, 'utf8'), path);
  }
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? parseConfig(readFileSync(fallback, 'utf8'), fallback) : parseConfig('', null);
}

/** Parses YAML text; `path` names the file in messages (null: built-in defaults). */
export function parseConfig(text: string, path: string | null): HindsightConfig {
  const name = path ? basename(path) : DEFAULT_CONFIG_FILE;
  const document = parseDocument(text);
  const syntax = document.errors[0];
  if (syntax) {
    // prettyErrors (the default) appends "at line L, column C:" and a code excerpt; keep the first line.
    const where = syntax.linePos?.[0] ? `:${syntax.linePos[0].line}:${syntax.linePos[0].col}` : '';
    throw new InputError(`${name}${where}: ${syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}.`);
  }
  const data: unknown = document.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError(`${name}: the file must hold settings as "key: value" lines.`);
  const parsed = configWithChecks.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new InputError(formatIssues(name, parsed.error.issues));
  const file = parsed.data;
  return {
    path,
    scheme: { severity: file.severity, status: file.status },
    settings: {
      calendar: { tz: file.calendar.tz, workdays: file.calendar.workdays, start: file.calendar.hours.start, end: file.calendar.hours.end, holidays: file.calendar.holidays },
      updateIntervals: file.communication,
      reviewWindowSeconds: file.reviews.due_within,
      recurrenceWindowSeconds: file.recurrence.within,
    },
    targets: file.targets,
    sources: file.sources,
    smtp: file.smtp ?? null,
    baseUrl: file.base_url ? file.base_url.replace(/\/+$/, '') : null,
    schedules: file.schedules,
    email: file.email,
    chromium: file.chromium ?? null,
  };
}

/** The built-in defaults, as if hindsight.yaml were empty. */
export function defaultConfig(): HindsightConfig {
  return parseConfig('', null);
}

/** The compile context for a request: the configured settings and the injected clock. */
export function contextAt(config: HindsightConfig, now: Date): CompileContext {
  return { ...config.settings, now };
}
