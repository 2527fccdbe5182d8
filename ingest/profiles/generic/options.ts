/**
 * The generic profile: a CSV whose header uses Hindsight's canonical field names (the columns
 * `hindsight demo` writes). Columns it does not know are kept in `custom`; the whole source row
 * is kept in `raw`.
 */
export type FieldType = 'text' | 'timestamp' | 'integer' | 'boolean' | 'number';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
}

/** Canonical incident fields a generic CSV may carry, in the order `hindsight demo` writes them. */
export const GENERIC_FIELDS: readonly FieldSpec[] = [
  { name: 'external_id', type: 'text', required: true },
  { name: 'title', type: 'text', required: true },
  { name: 'service', type: 'text' },
  { name: 'team', type: 'text' },
  { name: 'severity', type: 'text' },
  { name: 'priority', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'opened_at', type: 'timestamp', required: true },
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

export const REQUIRED_FIELDS = GENERIC_FIELDS.filter((field) => field.required).map((field) => field.name);

/** Source name used when --source is not given: re-imports of the same system then dedupe. */
export const DEFAULT_SOURCE = 'generic';
