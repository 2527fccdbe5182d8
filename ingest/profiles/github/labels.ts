/**
 * Pure: what an issue's labels say about the incident. GitHub has no severity, service or team
 * fields; teams encode them in labels, in a handful of common spellings:
 *
 *   severity   `sev1`, `SEV-2`, `S3`, `P1`, `severity: 1`, `severity/high`, `priority: p2`
 *   service    `service: checkout`, `service/checkout`
 *   team       `team: payments`, `team/payments`
 *   drill      `drill`, `game day`, `gameday`, `exercise`
 *
 * The first matching label (in the order GitHub lists them) wins; a severity word is handed to
 * the shared scheme, which ranks it (an unknown one is kept and flagged unknown_severity).
 */
export interface LabelFacts {
  severity: string | null;
  service: string | null;
  team: string | null;
  isDrill: boolean;
}

const PREFIXED = /^(severity|sev|priority|prio|service|team)\s*[:/=]\s*(.+)$/;
const BARE_SEVERITY = /^(sev|s|p)[\s-]?\d$/;
const DRILL = new Set(['drill', 'game day', 'gameday', 'game-day', 'exercise']);

export function labelFacts(names: readonly string[]): LabelFacts {
  const facts: LabelFacts = { severity: null, service: null, team: null, isDrill: false };
  for (const name of names) {
    const label = name.trim().toLowerCase();
    if (DRILL.has(label)) facts.isDrill = true;
    if (BARE_SEVERITY.test(label)) {
      facts.severity ??= label.replace(/[\s-]/, '');
      continue;
    }
    const match = PREFIXED.exec(label);
    if (!match) continue;
    const [, key, rawValue] = match as unknown as [string, string, string];
    const value = rawValue.trim();
    const original = name.trim().slice(name.trim().length - value.length);
    if (key === 'service') facts.service ??= original;
    else if (key === 'team') facts.team ??= original;
    else facts.severity ??= /^\d$/.test(value) ? `${key.startsWith('p') ? 'p' : 'sev'}${value}` : value;
  }
  return facts;
}

/** Label names of an issue (`labels` holds objects, or plain names in some saved files). */
export function labelNames(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels
    .map((label) => (typeof label === 'string' ? label : typeof label === 'object' && label !== null ? (label as { name?: unknown }).name : null))
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '');
}
