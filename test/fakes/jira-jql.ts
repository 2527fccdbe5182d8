/**
 * The fake Jira's JQL: just enough of the language for what a sync sends, strict about the rest
 * so a malformed query fails loudly. `(project = INC AND issuetype = Incident) AND
 * updated >= "2024-05-01 07:00" ORDER BY updated ASC`. Dates are `yyyy-MM-dd HH:mm` or
 * `yyyy/MM/dd HH:mm`, read in the calling user's zone (as Jira does). A query without a
 * restriction is unbounded and refused, like /search/jql refuses `order by key`.
 */
import { instantIn } from '../../ingest/profiles/pagerduty/zoned-time.ts';

export interface JqlQuery {
  matches(issue: { key: string; fields: Record<string, unknown> }): boolean;
  direction: 'asc' | 'desc';
}

export class JqlError extends Error {}

export function parseJql(jql: string, zone: string): JqlQuery {
  const order = /^(.*?)\s+order\s+by\s+updated(?:\s+(asc|desc))?\s*$/i.exec(jql.trim());
  const where = (order ? order[1] ?? '' : jql).trim();
  if (!order && /order\s+by/i.test(jql)) throw new JqlError(`Error in the JQL Query: this fake orders by "updated" only (${jql}).`);
  if (where === '' || /^order\s+by/i.test(where)) throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  const tests = where.replace(/[()]/g, ' ').split(/\s+AND\s+/i).map((clause) => clauseTest(clause.trim(), zone));
  return { matches: (issue) => tests.every((test) => test(issue)), direction: (order?.[2]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? 'asc' };
}

function clauseTest(clause: string, zone: string): (issue: { key: string; fields: Record<string, unknown> }) => boolean {
  const project = /^project\s*=\s*"?([A-Z][A-Z0-9_]*)"?$/i.exec(clause);
  if (project) return (issue) => issue.key.startsWith(`${project[1]!.toUpperCase()}-`);
  const type = /^issuetype\s*=\s*"?([^"]+?)"?$/i.exec(clause);
  if (type) return (issue) => nameOf(issue.fields.issuetype)?.toLowerCase().replace(/^\[system\] /, '') === type[1]!.toLowerCase();
  const updated = /^updated\s*(>=|>)\s*"(\d{4})[-/](\d{2})[-/](\d{2}) (\d{2}):(\d{2})"$/i.exec(clause);
  if (updated) {
    const [, op, y, mo, d, h, mi] = updated as unknown as string[];
    const bound = instantIn(`${y}-${mo}-${d}T${h}:${mi}:00`, zone) as number;
    return (issue) => {
      const at = Date.parse(String(issue.fields.updated).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
      return op === '>=' ? at >= bound : at > bound;
    };
  }
  throw new JqlError(`Error in the JQL Query: the fake does not understand "${clause}".`);
}

function nameOf(value: unknown): string | null {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : null;
}
