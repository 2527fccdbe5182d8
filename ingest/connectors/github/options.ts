/**
 * `type: github` options. `repo` is `owner/name`; incidents are its issues carrying every label
 * in `labels` (GitHub's own AND semantics; default `[incident]`). Auth is optional
 * (`token_env`: a token; without one GitHub allows 60 requests an hour).
 */
import { z } from 'zod';
import { commonKeys, envName, httpUrl, requiredText } from '../options.ts';

export const githubSource = z.strictObject({
  ...commonKeys(100),
  type: z.literal('github'),
  base_url: httpUrl('github', 'https://api.github.com'),
  auth: z.strictObject({ token_env: envName('github', true) }, { error: 'expected token_env' }).optional(),
  repo: requiredText('github').regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected owner/name, e.g. acme/ops'),
  labels: z.array(z.string().trim().min(1)).min(1, 'expected at least one label').default(['incident']),
});

export type GitHubSource = z.infer<typeof githubSource>;
