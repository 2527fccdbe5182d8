/**
 * `type: servicenow` options. `base_url` is the instance (https://example.service-now.com).
 * Auth: `user_env` + `token_env` → Basic (user + password); `token_env` alone → Bearer (OAuth).
 * `query` is an encoded query narrowing the incidents (`assignment_group.name=Network`); the sync
 * appends the sys_updated_on bound and the ordering itself.
 * `timeline: sys_audit` also reads each synced incident's audit history (state, assignment and
 * priority changes) for the timeline: acknowledgement, status changes, reassignments,
 * escalations. Default: none (the incident record alone has no acknowledgement time). The sync
 * user needs read access to sys_audit.
 */
import { z } from 'zod';
import { commonKeys, envName, httpUrl } from '../options.ts';

export const servicenowSource = z.strictObject({
  // sysparm_limit may go to 10000, but big pages are slow and time out on busy instances.
  ...commonKeys(10_000),
  type: z.literal('servicenow'),
  base_url: httpUrl('servicenow'),
  auth: z.strictObject(
    { user_env: envName('servicenow', false), token_env: envName('servicenow', true) },
    { error: (issue) => (issue.input === undefined ? 'required for type servicenow' : 'expected token_env (and user_env for Basic auth)') },
  ),
  query: z.string().trim().refine((query) => !/ORDERBY/i.test(query), 'leave out ORDERBY; the sync orders by sys_updated_on itself').optional(),
  timeline: z.enum(['sys_audit'], { error: (issue) => `${JSON.stringify(issue.input)} is not a timeline source; use sys_audit, or leave timeline out` }).optional(),
});

export type ServiceNowSource = z.infer<typeof servicenowSource>;
