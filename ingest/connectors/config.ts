/**
 * The `sources:` list of hindsight.yaml: one entry per system to sync, validated with messages
 * that name the key (`hindsight.yaml: sources[1].auth.token_env: required for type jira.`).
 *
 * ```yaml
 * sources:
 *   - name: ops-jira            # unique; becomes incidents.source
 *     type: jira                # jira | servicenow | pagerduty | github | statuspage
 *     base_url: https://example.atlassian.net
 *     auth: { user_env: JIRA_USER, token_env: JIRA_TOKEN }   # names of environment variables
 *     jql: project = OPS AND issuetype = Incident
 *     schedule: "*\/15 * * * *"  # optional: synced by `hindsight serve`
 * ```
 *
 * `sourcesSchema` is what server/config.ts plugs into its file schema; `parseSources` validates
 * a `sources:` value on its own (the CLI uses it on what server/config.ts passes through).
 */
import { z } from 'zod';
import { InputError } from '../../queries/errors.ts';
import { formatIssue } from './config-messages.ts';
import { githubSource } from './github/options.ts';
import { jiraSource } from './jira/options.ts';
import { pagerdutySource } from './pagerduty/options.ts';
import { servicenowSource } from './servicenow/options.ts';
import { statuspageSource } from './statuspage/options.ts';

export const SOURCE_TYPES = ['jira', 'servicenow', 'pagerduty', 'github', 'statuspage'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

const sourceSchema = z.discriminatedUnion('type', [jiraSource, servicenowSource, pagerdutySource, githubSource, statuspageSource], {
  error: (issue) => {
    const type = (issue.input as { type?: unknown } | undefined)?.type;
    if (issue.code === 'invalid_union' && type === undefined) return `required; one of ${SOURCE_TYPES.join(', ')}`;
    if (issue.code === 'invalid_union') return `${JSON.stringify(type)} is not a source type; allowed: ${SOURCE_TYPES.join(', ')}`;
    return undefined;
  },
});

export const sourcesSchema = z
  .array(sourceSchema, { error: 'expected a list of sources ("- name: …" entries)' })
  .superRefine((sources, context) => {
    const first = new Map<string, number>();
    sources.forEach((source, index) => {
      const earlier = first.get(source.name);
      if (earlier === undefined) first.set(source.name, index);
      else context.addIssue({ code: 'custom', path: [index, 'name'], message: `"${source.name}" is already the name of sources[${earlier}]; names must be unique` });
    });
  });

export type SourceConfig = z.infer<typeof sourceSchema>;

/** Validates a `sources:` value (undefined or null: no sources). `file` names it in messages. */
export function parseSources(value: unknown, file = 'hindsight.yaml'): SourceConfig[] {
  if (value === undefined || value === null) return [];
  const parsed = z.object({ sources: sourcesSchema }).safeParse({ sources: value });
  if (!parsed.success) throw new InputError(parsed.error.issues.map((issue) => formatIssue(file, issue)).join('\n'));
  return parsed.data.sources;
}
