/**
 * PagerDuty log entries → one incident's timeline and the facts derived from it (first
 * acknowledgement, final resolution, escalation / reassignment / reopen counts). Pure.
 *
 * Entry types and what they become (others — notify, annotate, snooze, urgency changes… — stay
 * in `raw` only: they are not changes of state, ownership or level):
 *
 *   trigger_log_entry        status → triggered; after a resolve: `reopened`
 *   acknowledge_log_entry    acknowledged
 *   unacknowledge_log_entry  status acknowledged → triggered (ack timeout)
 *   escalate_log_entry       escalated (level from `escalation_level` when an entry has it)
 *   assign_log_entry         reassigned — except the first one, which is the initial routing
 *                            at trigger time, not a reassignment (PagerDuty writes it for every
 *                            incident; Analytics' reassignment_count does not count it either)
 *   delegate_log_entry       reassigned (to another escalation policy)
 *   resolve_log_entry        resolved
 *
 * Hazards: the API lists entries newest first and a trigger and its initial assignment share a
 * timestamp, so entries are ordered by time and, at equal times, by the lifecycle order above.
 * Times stay the text PagerDuty wrote; the typing step parses them (an unreadable one is
 * rejected there and counted).
 */
import type { EventKind } from '../../canonical.ts';
import { summaries, summaryOf, textOf, type JsonObject } from './json.ts';

export interface TimelineEvent {
  occurred_at: string;
  kind: EventKind;
  from_value: string | null;
  to_value: string | null;
  level: number | null;
  actor: string | null;
  body: string | null;
}

export interface Timeline {
  events: TimelineEvent[];
  firstAcknowledgedAt: string | null;
  lastResolvedAt: string | null;
  escalations: number;
  reassignments: number;
  reopens: number;
  /** Assignees named by the latest assign / escalate / delegate entry that names any. */
  lastAssignees: string[];
}

const LIFECYCLE = [
  'trigger_log_entry', 'assign_log_entry', 'acknowledge_log_entry', 'unacknowledge_log_entry',
  'escalate_log_entry', 'delegate_log_entry', 'resolve_log_entry',
];

export function timelineOf(entries: readonly JsonObject[]): Timeline {
  const timeline: Timeline = {
    events: [], firstAcknowledgedAt: null, lastResolvedAt: null, escalations: 0, reassignments: 0, reopens: 0, lastAssignees: [],
  };
  let state: string | null = null;
  let assigned = false;
  for (const entry of ordered(entries)) {
    const at = textOf(entry.created_at);
    if (at === null) continue;
    const event = (kind: EventKind, to: string | null, extra: Partial<TimelineEvent> = {}) =>
      timeline.events.push({
        occurred_at: at, kind, from_value: state, to_value: to, level: null, actor: summaryOf(entry.agent),
        body: textOf(entry.note) ?? textOf(entry.summary), ...extra,
      });
    const named = summaries(entry.assignees);
    const assignees = named.join(', ') || null;
    const previous = timeline.lastAssignees.join(', ') || null;
    switch (entry.type) {
      case 'trigger_log_entry':
        if (state === 'resolved') timeline.reopens += 1;
        event(state === 'resolved' ? 'reopened' : 'status', 'triggered');
        state = 'triggered';
        break;
      case 'acknowledge_log_entry':
        timeline.firstAcknowledgedAt ??= at;
        event('acknowledged', 'acknowledged');
        state = 'acknowledged';
        break;
      case 'unacknowledge_log_entry':
        event('status', 'triggered');
        state = 'triggered';
        break;
      case 'escalate_log_entry':
        timeline.escalations += 1;
        event('escalated', assignees, { level: levelOf(entry), from_value: previous });
        if (named.length) timeline.lastAssignees = named;
        break;
      case 'assign_log_entry':
      case 'delegate_log_entry': {
        const to = assignees ?? summaryOf(entry.escalation_policy);
        if (entry.type === 'delegate_log_entry' || assigned) {
          timeline.reassignments += 1;
          event('reassigned', to, { from_value: previous });
        }
        assigned = true;
        if (named.length) timeline.lastAssignees = named;
        break;
      }
      case 'resolve_log_entry':
        timeline.lastResolvedAt = at;
        event('resolved', 'resolved');
        state = 'resolved';
        break;
    }
  }
  return timeline;
}

/** Oldest first; equal times in lifecycle order; unreadable times last (they are rejected later). */
function ordered(entries: readonly JsonObject[]): JsonObject[] {
  const time = (entry: JsonObject) => {
    const ms = Date.parse(String(entry.created_at ?? ''));
    return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
  };
  const rank = (entry: JsonObject) => {
    const index = LIFECYCLE.indexOf(String(entry.type));
    return index === -1 ? LIFECYCLE.length : index;
  };
  return [...entries].sort((a, b) => time(a) - time(b) || rank(a) - rank(b));
}

/**
 * PagerDuty's spec gives escalate entries no level; some savers and webhook-derived payloads
 * carry `escalation_level`. Only a positive integer is trusted.
 */
function levelOf(entry: JsonObject): number | null {
  const level = entry.escalation_level;
  return typeof level === 'number' && Number.isInteger(level) && level > 0 ? level : null;
}
