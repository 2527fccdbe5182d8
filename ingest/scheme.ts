/**
 * The canonical severity and status schemes, and the alias tables that map each vendor's words
 * onto them. A profile adds its vendor's words to the defaults; hindsight.yaml (`severity:` /
 * `status:`) overrides both. Matching is on the trimmed, lower-cased value, so `P1`, `SEV1`,
 * `1 - Critical`, `critical` and `Highest` can all mean rank 1. A value no table knows is kept
 * as it was and flagged (`unknown_severity`, `unknown_status`), never guessed.
 */
export const STATUSES = ['open', 'acknowledged', 'on_hold', 'resolved', 'closed', 'canceled'] as const;
export type Status = (typeof STATUSES)[number];

/** lower-cased source value → severity rank (1 = most severe; stored as SEV<rank>). */
export type SeverityAliases = Record<string, number>;
/** lower-cased source value → canonical status. */
export type StatusAliases = Record<string, Status>;

export const DEFAULT_SEVERITY_ALIASES: SeverityAliases = {
  ...ranks(1, ['sev1', 'sev-1', 'sev 1', 's1', 'p1', 'p0', '1', 'critical', 'highest', 'blocker', 'emergency', '1 - critical', '1 - high']),
  ...ranks(2, ['sev2', 'sev-2', 'sev 2', 's2', 'p2', '2', 'high', 'major', '2 - high', '2 - medium']),
  ...ranks(3, ['sev3', 'sev-3', 'sev 3', 's3', 'p3', '3', 'medium', 'moderate', 'normal', '3 - moderate', '3 - low']),
  ...ranks(4, ['sev4', 'sev-4', 'sev 4', 's4', 'p4', '4', 'low', 'minor', '4 - low']),
  ...ranks(5, ['sev5', 'sev-5', 'sev 5', 's5', 'p5', '5', 'lowest', 'trivial', 'info', 'informational', '5 - planning']),
};

export const DEFAULT_STATUS_ALIASES: StatusAliases = {
  ...statuses('open', ['open', 'new', 'triggered', 'investigating', 'to do', 'todo', 'reopened', 'active', 'identified']),
  ...statuses('acknowledged', ['acknowledged', 'ack', 'in progress', 'in-progress', 'work in progress', 'assigned', 'monitoring']),
  ...statuses('on_hold', ['on hold', 'on_hold', 'pending', 'awaiting user info', 'awaiting vendor', 'awaiting problem', 'awaiting change', 'awaiting evidence', 'waiting for customer', 'waiting for support']),
  ...statuses('resolved', ['resolved', 'done', 'fixed', 'postmortem']),
  ...statuses('closed', ['closed', 'completed', 'complete']),
  ...statuses('canceled', ['canceled', 'cancelled', "won't do", 'wont do', 'duplicate', 'rejected']),
};

export interface Scheme {
  severity: SeverityAliases;
  status: StatusAliases;
}

/** Defaults, then the profile's words, then the user's overrides (keys lower-cased). */
export function buildScheme(profile: Partial<Scheme> = {}, overrides: Partial<Scheme> = {}): Scheme {
  return {
    severity: lowerKeys({ ...DEFAULT_SEVERITY_ALIASES, ...profile.severity, ...overrides.severity }),
    status: lowerKeys({ ...DEFAULT_STATUS_ALIASES, ...profile.status, ...overrides.status }),
  };
}

function ranks(rank: number, words: string[]): SeverityAliases {
  return Object.fromEntries(words.map((word) => [word, rank]));
}

function statuses(status: Status, words: string[]): StatusAliases {
  return Object.fromEntries(words.map((word) => [word, status]));
}

function lowerKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.trim().toLowerCase(), value]));
}
