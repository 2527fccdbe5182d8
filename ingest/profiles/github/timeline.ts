/**
 * Pure: an issue's timeline (GET /repos/{o}/{r}/issues/{n}/timeline) → incident events and the
 * moments they define. Events are read oldest first (ties keep the API's order):
 *
 *   labeled (an incident label)   when it became an incident → opened_at; `status` → open
 *   assigned, or a comment by someone other than the author, at or after opened
 *                                 → acknowledged (the first one); an assignment or comment
 *                                   before the incident label means someone already had it when
 *                                   it was declared: acknowledged at opened
 *   assigned                      → reassigned (each; the ones after the first are hand-overs)
 *   closed                        → resolved; the last one is the final resolution
 *   reopened                      → reopened
 * Other events (renames, cross-references, other labels, plain comments) stay in `raw` only.
 */
import type { TextEvent } from '../../canonical.ts';

export interface GitHubTimeline {
  events: Array<Omit<TextEvent, 'external_id'>>;
  labeledAt: string | null;
  acknowledgedAt: string | null;
  lastClosedAt: string | null;
  reopens: number;
  reassignments: number;
}

export function timelineOf(items: readonly unknown[], incidentLabels: readonly string[], author: string | null, createdAt: string | null): GitHubTimeline {
  const wanted = new Set(incidentLabels.map((label) => label.toLowerCase()));
  const result: GitHubTimeline = { events: [], labeledAt: null, acknowledgedAt: null, lastClosedAt: null, reopens: 0, reassignments: 0 };
  const entries = ordered(items);
  // Opened: when the last missing incident label arrived (the issue matches only then).
  const labels = new Set<string>();
  for (const entry of entries) {
    if (entry.event === 'labeled' && wanted.has(entry.label.toLowerCase()) && !labels.has(entry.label.toLowerCase())) {
      labels.add(entry.label.toLowerCase());
      if (labels.size === wanted.size) {
        result.labeledAt = entry.at;
        break;
      }
    }
  }
  const openedAt = result.labeledAt ?? createdAt;
  const push = (entry: Entry, kind: TextEvent['kind'], from: string | null, to: string | null, body: string | null = null, at = entry.at) =>
    result.events.push({ occurred_at: at, kind, from_value: from, to_value: to, actor: entry.actor, body });

  const first = entries.find((entry) => entry.event === 'assigned' || (entry.event === 'commented' && entry.actor !== null && entry.actor !== author));
  if (first && openedAt !== null) {
    result.acknowledgedAt = Date.parse(first.at) < Date.parse(openedAt) ? openedAt : first.at;
    push(first, 'acknowledged', null, first.event === 'assigned' ? first.assignee : first.actor, null, result.acknowledgedAt);
  }
  let assignee: string | null = null;
  for (const entry of entries) {
    if (entry.event === 'labeled' && entry.at === result.labeledAt && wanted.has(entry.label.toLowerCase())) {
      push(entry, 'status', null, 'open', `labeled ${entry.label}`);
    } else if (entry.event === 'assigned') {
      if (assignee !== null) result.reassignments += 1;
      push(entry, 'reassigned', assignee, entry.assignee);
      assignee = entry.assignee;
    } else if (entry.event === 'closed') {
      result.lastClosedAt = entry.at;
      push(entry, 'resolved', 'open', 'closed');
    } else if (entry.event === 'reopened') {
      result.reopens += 1;
      push(entry, 'reopened', 'closed', 'open');
    }
  }
  return result;
}

interface Entry {
  event: string;
  at: string;
  actor: string | null;
  label: string;
  assignee: string | null;
}

function ordered(items: readonly unknown[]): Entry[] {
  const entries: Array<Entry & { ms: number; index: number }> = [];
  items.forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const value = item as Record<string, unknown>;
    const at = typeof value.created_at === 'string' ? value.created_at : null;
    const ms = at === null ? Number.NaN : Date.parse(at);
    if (at === null || Number.isNaN(ms) || typeof value.event !== 'string') return;
    entries.push({
      event: value.event, at, ms, index,
      actor: login(value.actor) ?? login(value.user),
      label: typeof value.label === 'object' && value.label !== null ? String((value.label as { name?: unknown }).name ?? '') : '',
      assignee: login(value.assignee),
    });
  });
  return entries.sort((a, b) => a.ms - b.ms || a.index - b.index);
}

export function login(value: unknown): string | null {
  const name = typeof value === 'object' && value !== null ? (value as { login?: unknown }).login : null;
  return typeof name === 'string' && name !== '' ? name : null;
}
