/**
 * `type: statuspage` options. `base_url` is the public status page (https://www.githubstatus.com);
 * its API is unauthenticated, so there is no `auth`.
 */
import { z } from 'zod';
import { commonKeys, httpUrl } from '../options.ts';

export const statuspageSource = z.strictObject({
  ...commonKeys(100),
  type: z.literal('statuspage'),
  base_url: httpUrl('statuspage'),
});

export type StatuspageSource = z.infer<typeof statuspageSource>;
