/**
 * What an import writes into (`--into`): incidents (default), their follow-up action items, or
 * their timelines. Each target names the fields a file may map onto and the ones it needs.
 */
import { CANONICAL_FIELD_NAMES, EVENT_KINDS } from './canonical.ts';

export const TARGETS = {
  incidents: {
    fields: CANONICAL_FIELD_NAMES,
    required: ['external_id', 'title', 'opened_at'],
    timestamps: ['opened_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at', 'postmortem_done_at'],
  },
  action_items: {
    fields: ['item_id', 'external_id', 'title', 'owner', 'status', 'created_at', 'due_at', 'completed_at'],
    required: ['item_id', 'title'],
    timestamps: ['created_at', 'due_at', 'completed_at'],
  },
  events: {
    fields: ['external_id', 'occurred_at', 'kind', 'from_value', 'to_value', 'level', 'actor', 'body'],
    required: ['external_id', 'occurred_at', 'kind'],
    timestamps: ['occurred_at'],
  },
} as const satisfies Record<string, { fields: readonly string[]; required: readonly string[]; timestamps: readonly string[] }>;

export type Target = keyof typeof TARGETS;
export const TARGET_NAMES = Object.keys(TARGETS) as Target[];
export const ACTION_ITEM_STATUSES = ['open', 'done', 'wont_do'] as const;
export { EVENT_KINDS };
