/**
 * The canonical incident fields every profile maps onto (DESIGN.md "Canonical model"), with the
 * type the shared typing step parses each one as. Profiles produce these fields as text; one
 * place (typing.ts) turns text into typed values and quality flags, so a date or a number is
 * read the same way whichever export it came from.
 */
export type FieldType = 'text' | 'timestamp' | 'integer' | 'boolean' | 'number';

export interface FieldSpec {
  name: string;
  type: FieldType;
}

export const CANONICAL_FIELDS: readonly FieldSpec[] = [
  { name: 'external_id', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'service', type: 'text' },
  { name: 'team', type: 'text' },
  { name: 'severity', type: 'text' },
  { name: 'priority', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'opened_at', type: 'timestamp' },
  { name: 'detected_at', type: 'timestamp' },
  { name: 'acknowledged_at', type: 'timestamp' },
  { name: 'mitigated_at', type: 'timestamp' },
  { name: 'resolved_at', type: 'timestamp' },
  { name: 'closed_at', type: 'timestamp' },
  { name: 'reopen_count', type: 'integer' },
  { name: 'escalation_count', type: 'integer' },
  { name: 'reassignment_count', type: 'integer' },
  { name: 'assignee', type: 'text' },
  { name: 'root_cause', type: 'text' },
  { name: 'is_drill', type: 'boolean' },
  { name: 'customer_impact_minutes', type: 'number' },
  { name: 'postmortem_url', type: 'text' },
  { name: 'postmortem_done_at', type: 'timestamp' },
  { name: 'url', type: 'text' },
];

export const CANONICAL_FIELD_NAMES: readonly string[] = CANONICAL_FIELDS.map((field) => field.name);

export function isCanonicalField(name: string): boolean {
  return CANONICAL_FIELD_NAMES.includes(name);
}

export const EVENT_KINDS = [
  'status', 'acknowledged', 'escalated', 'reassigned', 'reopened', 'resolved',
  'stakeholder_update', 'on_hold', 'resumed',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One incident as a record-based profile hands it over: canonical fields as text. */
export interface TextIncident {
  /** canonical field → text value (missing or null: no value). */
  fields: Partial<Record<string, string | null>>;
  /** Source fields that map to no canonical field, kept as they were. */
  custom?: Record<string, unknown> | null;
  /** The whole source record. */
  raw: unknown;
  /** Problems the profile itself found (e.g. unknown_state), as quality flags. */
  flags?: string[];
}

/** One timeline entry, timestamps as text (typed with the incidents' rules). */
export interface TextEvent {
  external_id: string;
  occurred_at: string;
  kind: EventKind;
  from_value?: string | null;
  to_value?: string | null;
  level?: number | null;
  actor?: string | null;
  body?: string | null;
}
