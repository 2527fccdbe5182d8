/**
 * zod issues → Hindsight sentences: `hindsight.yaml: calendar.tz: "Mars/Olympus" is not an IANA
 * time zone such as Europe/London.` One line per problem, every problem reported at once (a
 * user fixing a config should not discover errors one run at a time).
 */
import type { core } from 'zod';

type Issue = core.$ZodIssue;

/** ['targets', 2, 'threshold'] → 'targets[2].threshold'; odd keys are quoted: severity["1 - critical"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(key))) text += text ? `.${String(key)}` : String(key);
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

function sentence(issue: Issue): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${keys}; check the spelling against the documented keys (docs/configuration.md).`;
    }
    case 'invalid_type':
      return `expected ${issue.expected === 'record' || issue.expected === 'object' ? 'a list of "key: value" settings' : `a ${issue.expected}`}${'input' in issue && issue.input !== undefined ? `, got ${JSON.stringify(issue.input)}` : ''}.`;
    case 'invalid_value':
      return `${'input' in issue ? JSON.stringify(issue.input) : 'the value'} is not allowed; allowed: ${issue.values.map(String).join(', ')}.`;
    default:
      return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  }
}

export function formatIssues(file: string, issues: readonly Issue[]): string {
  return issues.map((issue) => {
    const where = formatPath(issue.path);
    const line = sentence(issue);
    // A custom message that names its own key ("is not a severity") reads after the key.
    return `${file}: ${where ? `${where}: ` : ''}${line}`;
  }).join('\n');
}
