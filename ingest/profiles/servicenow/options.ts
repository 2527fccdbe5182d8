/**
 * The ServiceNow profile's vocabulary: incident table field names, the display labels a list
 * export uses instead (`Number`, `Short description`, …) and the names the UCI "incident event
 * log" data set uses (`sys_updated_at`, `closed_code`). Any of them resolves to the field name;
 * a column no alias knows is kept in `custom` under its own header.
 */

/** incident field → other header spellings (compared lower-cased and trimmed). */
export const FIELD_ALIASES: Readonly<Record<string, readonly string[]>> = {
  number: [],
  sys_id: ['sys id'],
  short_description: ['short description'],
  description: [],
  priority: [],
  impact: [],
  urgency: [],
  severity: [],
  state: [],
  incident_state: ['incident state'],
  assigned_to: ['assigned to'],
  assignment_group: ['assignment group'],
  opened_at: ['opened'],
  opened_by: ['opened by'],
  caller_id: ['caller'],
  sys_created_on: ['created', 'sys_created_at'],
  sys_created_by: ['created by'],
  sys_updated_on: ['updated', 'sys_updated_at'],
  sys_updated_by: ['updated by'],
  sys_mod_count: ['updates'],
  resolved_at: ['resolved'],
  resolved_by: ['resolved by'],
  closed_at: ['closed'],
  closed_by: ['closed by'],
  reassignment_count: ['reassignment count'],
  reopen_count: ['reopen count'],
  reopened_time: ['last reopened at'],
  cmdb_ci: ['configuration item'],
  business_service: ['service', 'business service'],
  category: [],
  subcategory: [],
  close_code: ['resolution code', 'close code', 'closed_code'],
  close_notes: ['resolution notes', 'close notes'],
  contact_type: ['channel', 'contact type'],
  hold_reason: ['on hold reason'],
  active: [],
};

/** Fields holding date-times the typing step reads (others stay text in `custom`). */
export const DATE_FIELDS = ['opened_at', 'sys_created_on', 'sys_updated_on', 'resolved_at', 'closed_at'] as const;

/** Fields that feed canonical fields and so are not repeated in `custom`. */
export const CONSUMED_FIELDS: readonly string[] = [
  'number', 'short_description', 'priority', 'state', 'incident_state', 'assigned_to', 'assignment_group',
  'opened_at', 'resolved_at', 'closed_at', 'reopen_count', 'reassignment_count',
];

/** Canonical fields holding timestamps (a --map onto one gets the date conversion). */
export const TIMESTAMP_FIELDS: readonly string[] = [
  'opened_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at', 'postmortem_done_at',
];

/**
 * Values that mean "no value": empty, and the markers exports use (`?` throughout the UCI log).
 * Compared exactly after trimming (`null` in lower case stays a value).
 */
export const NULL_MARKERS = ['', '?', 'NULL', 'N/A', '-'] as const;
