/**
 * zod issues of the `sources:` list → Hindsight's one-line sentences:
 * `hindsight.yaml: sources[1].auth.token_env: required for type jira.`
 * server/config/issues.ts does the same for the whole file; ingest can't import server/ (the
 * arrow points the other way), so when server/config.ts validates `sources:` with
 * `sourcesSchema` itself, its formatter produces the same sentences from the same messages.
 */
import type { core } from 'zod';

export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(key))) text += text ? `.${String(key)}` : String(key);
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

export function formatIssue(file: string, issue: core.$ZodIssue): string {
  const where = formatPath(issue.path);
  let line: string;
  if (issue.code === 'unrecognized_keys') {
    line = `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}; check the spelling against the documented keys.`;
  } else {
    line = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  }
  return `${file}: ${where ? `${where}: ` : ''}${line}`;
}
