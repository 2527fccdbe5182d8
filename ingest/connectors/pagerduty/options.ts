/**
 * `type: pagerduty` options. Auth: `token_env` holds a REST API key (`Token token=…`).
 * `window` is the longest since/until range asked for at once (PagerDuty allows 6 months; each
 * window is split further when it holds more than the 10,000 records offset paging can reach).
 * `start` defaults to a year before the first sync: PagerDuty has no "everything" for incidents.
 */
import { z } from 'zod';
import { commonKeys, durationSchema, envName, httpUrl } from '../options.ts';

export const pagerdutySource = z.strictObject({
  ...commonKeys(100),
  type: z.literal('pagerduty'),
  base_url: httpUrl('pagerduty', 'https://api.pagerduty.com'),
  auth: z.strictObject(
    { token_env: envName('pagerduty', true) },
    { error: (issue) => (issue.input === undefined ? 'required for type pagerduty' : 'expected token_env') },
  ),
  window: durationSchema.prefault('30d').refine((ms) => ms >= 60_000 && ms <= 180 * 86_400_000, 'expected a window between 1m and 180d'),
  service_ids: z.array(z.string().min(1)).default([]),
  team_ids: z.array(z.string().min(1)).default([]),
});

export type PagerDutySource = z.infer<typeof pagerdutySource>;

/** Default `start`: a year back. */
export const DEFAULT_PAGERDUTY_HISTORY_MS = 365 * 86_400_000;
