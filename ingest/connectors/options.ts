/**
 * Building blocks of every source's options schema (`sources:` in hindsight.yaml): the keys all
 * types share, durations, environment-variable names and "required for type X" messages. Each
 * vendor folder's options.ts adds its own keys; config.ts joins them into the list.
 *
 * Secrets never live in the file: `auth` names environment variables (`token_env: JIRA_TOKEN`),
 * which are read when a sync starts (secrets.ts).
 */
import { Cron } from 'croner';
import { z } from 'zod';

/** `10m`, `90s`, `1h`, `30d` → milliseconds. */
export const durationSchema = z
  .string({ error: 'expected a duration like 10m, 2h or 30d' })
  .regex(/^\d+\s*[smhd]$/, 'expected a duration like 10m, 2h or 30d')
  .transform(toMs);

export function toMs(text: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (!match) throw new RangeError(`not a duration: ${text}`);
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** A value every source of `type` must have. */
export function requiredText(type: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `required for type ${type}` : `expected text, got ${JSON.stringify(issue.input)}`) })
    .trim()
    .min(1, `required for type ${type}`);
}

/** The NAME of an environment variable; a value that looks like a token is refused. */
export function envName(type: string, required: boolean) {
  const base = z
    .string({ error: (issue) => (issue.input === undefined ? `required for type ${type}` : 'expected the name of an environment variable') })
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the NAME of an environment variable (e.g. JIRA_TOKEN); secrets never go in this file');
  return required ? base : base.optional();
}

export function httpUrl(type: string, fallback?: string) {
  const url = z
    .url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? `required for type ${type}` : `${JSON.stringify(issue.input)} is not an http(s) URL`) })
    .transform((value) => value.replace(/\/+$/, ''));
  return fallback === undefined ? url : url.default(fallback);
}

/** An ISO date or date-time (`2024-01-01`, `2024-01-01T00:00:00Z`) → ISO instant text (UTC). */
export const instantSchema = z
  .string({ error: 'expected a date like 2024-01-01' })
  .refine((text) => /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text)), 'expected a date like 2024-01-01 or 2024-01-01T00:00:00Z')
  .transform((text) => new Date(/T/.test(text) && !/(Z|[+-]\d\d:?\d\d)$/.test(text) ? `${text}Z` : text).toISOString());

/**
 * A cron pattern as croner reads it: five fields (`*\/15 * * * *`), or six with seconds first;
 * names (`mon-fri`) and `@hourly`-style nicknames work. Refused here, at load, rather than when
 * `hindsight serve` first tries to schedule it.
 */
export const cronSchema = z
  .string({ error: 'expected a cron expression like "*/15 * * * *"' })
  .trim()
  .superRefine((pattern, context) => {
    try {
      new Cron(pattern, { paused: true });
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '').replace(/\.$/, '') : String(error);
      context.addIssue({ code: 'custom', message: `${JSON.stringify(pattern)} is not a cron expression like "*/15 * * * *" (${reason})` });
    }
  });

/** Keys every source has. `pageMax` is the vendor's own page-size cap. */
export function commonKeys(pageMax: number, pageDefault = Math.min(100, pageMax)) {
  return {
    /** Unique; becomes incidents.source. */
    name: z
      .string({ error: (issue) => (issue.input === undefined ? 'required' : 'expected text') })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-" (it becomes incidents.source)'),
    /** Cron expression for `hindsight serve` (in calendar.tz); none: only manual syncs. */
    schedule: cronSchema.optional(),
    /** How far before the stored cursor each incremental sync re-reads (late writes). Default 10m. */
    overlap: durationSchema.prefault('10m'),
    /** Records per request. Default 100 (or the vendor's cap when lower). */
    page_size: z.number().int().min(1).max(pageMax, `at most ${pageMax} for this vendor`).default(pageDefault),
    /** Requests in flight at once. Default 4. */
    concurrency: z.number().int().min(1).max(16).default(4),
    /** Records written per transaction (each with the cursor it covers). Default 1000. */
    batch_size: z.number().int().min(1).max(100_000).default(1000),
    /** Where the first (or --full) sync starts; default: everything the API returns. */
    start: instantSchema.optional(),
  };
}
