/**
 * `type: jira` options. Jira Cloud: `base_url` is the site (https://example.atlassian.net).
 * Auth: `user_env` + `token_env` → Basic (email + API token); `token_env` alone → Bearer (OAuth).
 * `jql` selects the incidents (`project = OPS AND issuetype = Incident`); the sync adds the
 * updated-time bound and the ORDER BY itself, so the query may not have its own ORDER BY.
 */
import { z } from 'zod';
import { commonKeys, envName, httpUrl, requiredText } from '../options.ts';

export const jiraSource = z.strictObject({
  ...commonKeys(100),
  type: z.literal('jira'),
  base_url: httpUrl('jira'),
  auth: z.strictObject(
    { user_env: envName('jira', false), token_env: envName('jira', true) },
    { error: (issue) => (issue.input === undefined ? 'required for type jira' : 'expected token_env (and user_env for Basic auth)') },
  ),
  jql: requiredText('jira').refine((jql) => !/\border\s+by\b/i.test(jql), 'leave out ORDER BY; the sync orders by updated time itself'),
  /** Fields fetched besides the ones the jira profile reads (e.g. a JSM SLA field). Default none. */
  fields: z.array(z.string().regex(/^[A-Za-z0-9_.]+$/, 'expected a field id such as customfield_10030')).default([]),
});

export type JiraSource = z.infer<typeof jiraSource>;
