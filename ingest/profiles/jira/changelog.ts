/**
 * Pure: an issue's changelog → its timeline and what the timeline says about the incident.
 *
 * Status transitions are judged by Jira's status categories (new → indeterminate → done), so a
 * custom workflow works without configuration:
 * - `acknowledged`: the first move out of the `new` category (also straight to done: whoever
 *   closed it had seen it by then);
 * - `resolved`: every move into `done`; the last one is the final resolution;
 * - `reopened`: every move out of `done`;
 * - `reassigned`: every assignee change, the first assignment included (from null). Only
 *   changes away from someone count as reassignments.
 * Entries are ordered by time (the API lists them oldest first, but bulk fetch and merged
 * pages promise nothing); an entry whose time can't be read still yields its events (the typing
 * step rejects and counts them) but takes no part in the derived values.
 */
import type { TextEvent } from '../../canonical.ts';
import { jiraTimeMillis, jiraTimeText } from './dates.ts';
import type { StatusCategory } from './scheme.ts';

export interface Timeline {
  events: TextEvent[];
  acknowledgedAt: string | null;
  /** The last move into `done`, or null if there was none. */
  lastResolvedAt: string | null;
  reopenCount: number;
  reassignmentCount: number;
  /** Status transitions seen (0: the changelog says nothing about status). */
  statusChanges: number;
}

interface Entry {
  at: string;
  millis: number;
  actor: string | null;
  items: Record<string, unknown>[];
}

export function buildTimeline(
  externalId: string,
  histories: readonly unknown[],
  categoryOf: (status: string | null) => StatusCategory | null,
): Timeline {
  const timeline: Timeline = { events: [], acknowledgedAt: null, lastResolvedAt: null, reopenCount: 0, reassignmentCount: 0, statusChanges: 0 };
  const event = (entry: Entry, kind: TextEvent['kind'], from: string | null, to: string | null) =>
    timeline.events.push({ external_id: externalId, occurred_at: entry.at, kind, from_value: from, to_value: to, actor: entry.actor });

  for (const entry of sortEntries(histories)) {
    const known = Number.isFinite(entry.millis);
    let handedOver = false;
    for (const item of entry.items) {
      const field = item.fieldId ?? item.field;
      const from = text(item.fromString);
      const to = text(item.toString);
      if (field === 'status') {
        timeline.statusChanges += 1;
        event(entry, 'status', from, to);
        const before = categoryOf(from);
        const after = categoryOf(to);
        if (before === 'new' && after !== null && after !== 'new' && timeline.acknowledgedAt === null) {
          event(entry, 'acknowledged', from, to);
          if (known) timeline.acknowledgedAt = entry.at;
        }
        if (after === 'done' && before !== 'done') {
          event(entry, 'resolved', from, to);
          if (known) timeline.lastResolvedAt = entry.at;
        }
        if (before === 'done' && after !== null && after !== 'done') {
          event(entry, 'reopened', from, to);
          timeline.reopenCount += 1;
        }
      } else if (field === 'assignee') {
        event(entry, 'reassigned', from, to);
        if (from !== null) handedOver = true;
      }
    }
    if (handedOver) timeline.reassignmentCount += 1;
  }
  return timeline;
}

function sortEntries(histories: readonly unknown[]): Entry[] {
  const entries = histories.filter(isObject).map((history, index) => ({
    at: jiraTimeText(history.created) ?? '',
    millis: jiraTimeMillis(history.created),
    id: Number(history.id),
    index,
    actor: isObject(history.author) ? text(history.author.displayName) : null,
    items: Array.isArray(history.items) ? history.items.filter(isObject) : [],
  }));
  // Unreadable times sort last; ties keep the changelog id order, then the file order.
  const key = (n: number) => (Number.isFinite(n) ? n : Number.POSITIVE_INFINITY);
  entries.sort((a, b) => key(a.millis) - key(b.millis) || key(a.id) - key(b.id) || a.index - b.index);
  return entries;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
