/**
 * The Jira profile's defaults: which column of "Export → CSV (all fields)" feeds which
 * canonical field, which repeated columns are lists, and what an import needs at least.
 * `--map column=field` (CSV header, or dotted path into an issue for JSON) overrides a default.
 */

/** CSV header → canonical field. Repeated headers feed a field with their first non-empty value. */
export const CSV_FIELDS: Readonly<Record<string, string>> = {
  'Issue key': 'external_id',
  Summary: 'title',
  'Component/s': 'service',
  // JSM / custom severity field; without one the typing step ranks by Priority.
  'Custom field (Severity)': 'severity',
  Priority: 'priority',
  Status: 'status',
  Created: 'opened_at',
  Resolved: 'resolved_at',
  Assignee: 'assignee',
};

/** The CSV column whose value stands in for an unknown Status (see scheme.ts). */
export const STATUS_CATEGORY_HEADER = 'Status Category';

/** Repeated-value headers kept in `custom` as lists, under these keys (also when exported once). */
export const CSV_LIST_COLUMNS: Readonly<Record<string, string>> = {
  Labels: 'labels',
  'Component/s': 'components',
  Watchers: 'watchers',
  Sprint: 'sprints',
};

/** Headers that stay in `custom` even though they feed a field (the full list matters). */
export const CSV_ALSO_CUSTOM: readonly string[] = ['Component/s'];

/** Without these an export can't become incidents; everything else may be missing. */
export const REQUIRED_FIELDS = ['external_id', 'opened_at'] as const;

/** Canonical fields holding timestamps, which get Jira's date conversion. */
export const TIMESTAMP_FIELDS: readonly string[] = [
  'opened_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at', 'postmortem_done_at',
];
