/**
 * The fake ServiceNow's incident records, raw values (sysparm_display_value=false):
 * - INC0010041: the REAL closed PDI record (api-samples/servicenow-incident-record-closed-raw-
 *   values.json, verbatim): opened 12:18:04, resolved and closed 12:53:06 (2020-07-10, UTC),
 *   state 7 (Closed), priority 1;
 * - INC0000046: the OFFICIAL Table API example's values that matter here (state 1 New,
 *   priority 3, opened 2015-11-02 22:04:15, sys_updated_on 2015-11-01 22:37:27 — a day before it
 *   was opened, as the example has it);
 * - INC0011001…: generated from the REAL record's shape, one a day from 2024-03-01, resolved
 *   45 min after opening; INC0011005 was reopened once (reopen_count 1).
 *
 * `servicenowAudit()`: sys_audit entries (fields as the table has them, raw values, all strings;
 * the field list is the ServiceNow docs' "Sys audit table columns" plus the system fields) for
 * two of them, each a story with hand-checkable times:
 * - INC0011001: routed to the Service Desk group at 08:02 (by `system`), assigned to a person at
 *   08:05, In Progress at 08:10 (the acknowledgement), priority raised 3 → 2 and moved to the
 *   Network group in one update at 08:20 (two entries, one checkpoint), Resolved 08:45, Closed
 *   09:00; plus work_notes / short_description entries the sync must not ask for;
 * - INC0011005: In Progress 08:15, Resolved 08:20, reopened 08:30, Resolved 08:45, Closed 09:00.
 */
import type { SnRecord } from '../servicenow-query.ts';

const USER = 'https://dev92294.service-now.com/api/now/v1/table/sys_user/6816f79cc0a8016401c5a33be04be441';
const GROUPS = 'https://dev92294.service-now.com/api/now/v1/table/sys_user_group/';
export const SERVICE_DESK = 'd625dccec0a8016700a222a0f7900d06';
export const NETWORK = '287ebd7da9fe198100f92cc8d1d2154e';
const ref = (link: string, value: string) => ({ link, value });

export const REAL_CLOSED: SnRecord = {
  sys_tags: '', user_input: '', calendar_stc: '2102', subcategory: '', watch_list: '', follow_up: '', made_sla: 'true', sys_created_by: 'admin',
  sla_due: '', number: 'INC0010041', group_list: '', reassignment_count: '0', assigned_to: '', sys_mod_count: '10', notify: '1',
  resolved_by: ref(USER, '6816f79cc0a8016401c5a33be04be441'), upon_reject: 'cancel', additional_assignee_list: '', category: 'inquiry',
  closed_at: '2020-07-10 12:53:06', parent_incident: '', cmdb_ci: '', contact_type: '', impact: '1', rfc: '', expected_start: '', knowledge: 'false',
  sys_updated_by: 'admin', caused_by: '', comments: '', closed_by: ref(USER, '6816f79cc0a8016401c5a33be04be441'), priority: '1', state: '7',
  sys_id: 'f562fd272f351010f170c886f699b669', opened_at: '2020-07-10 12:18:04', child_incidents: '0', work_notes: '', delivery_task: '',
  short_description: 'sdf', comments_and_work_notes: '', time_worked: '', upon_approval: 'proceed', company: '', business_stc: '0',
  correlation_display: '', sys_class_name: 'incident', delivery_plan: '', escalation: '0', description: '', parent: '', close_notes: 'Closed by Caller',
  business_duration: '1970-01-01 00:00:00', problem_id: '', sys_updated_on: '2020-07-10 13:13:57', approval_history: '', approval_set: '',
  business_service: '', reopened_by: '', calendar_duration: '1970-01-01 00:35:02', caller_id: ref(USER, '6816f79cc0a8016401c5a33be04be441'),
  active: 'false', approval: 'not requested', service_offering: '', sys_domain_path: '/', hold_reason: '', activity_due: '2020-07-10 14:33:28',
  severity: '3', incident_state: '7', resolved_at: '2020-07-10 12:53:06', location: '', due_date: '', work_start: '', work_end: '',
  work_notes_list: '', sys_created_on: '2020-07-10 12:18:04', correlation_id: '', contract: '', reopened_time: '',
  opened_by: ref(USER, '6816f79cc0a8016401c5a33be04be441'), close_code: 'Closed/Resolved by Caller', assignment_group: '',
  sys_domain: ref('https://dev92294.service-now.com/api/now/v1/table/sys_user_group/global', 'global'), order: '', urgency: '1', reopen_count: '0',
};

const OFFICIAL_NEW: SnRecord = {
  ...blank(), number: 'INC0000046', sys_id: 'a9e30c7dc61122760116894de7bcc7bd', state: '1', incident_state: '1', priority: '3', impact: '2', urgency: '2',
  opened_at: '2015-11-02 22:04:15', sys_created_on: '2015-11-02 22:04:15', sys_updated_on: '2015-11-01 22:37:27', short_description: 'Can\'t access SFA software',
  assignment_group: ref('https://instance.servicenow.com/api/now/table/sys_user_group/8a4dde73c6112278017a6a4baf547aa7', '8a4dde73c6112278017a6a4baf547aa7'),
};

export function servicenowRecords(generated = 8): SnRecord[] {
  return [structuredClone(REAL_CLOSED), structuredClone(OFFICIAL_NEW), ...Array.from({ length: generated }, (_, index) => made(index + 1))];
}

function made(n: number): SnRecord {
  const day = String(n).padStart(2, '0');
  const reopened = n === 5;
  return {
    ...blank(), number: `INC00110${String(n).padStart(2, '0')}`, sys_id: generatedSysId(n),
    state: '7', incident_state: '7', priority: String(1 + (n % 4)), impact: '2', urgency: '2', short_description: `Generated incident ${n}`,
    opened_at: `2024-03-${day} 08:00:00`, sys_created_on: `2024-03-${day} 08:00:00`,
    resolved_at: `2024-03-${day} 08:45:00`, closed_at: `2024-03-${day} 09:00:00`, sys_updated_on: `2024-03-${day} 09:00:00`,
    reopen_count: reopened ? '1' : '0', reopened_time: reopened ? `2024-03-${day} 08:30:00` : '', sys_mod_count: reopened ? '9' : '5',
    assigned_to: ref(USER, '6816f79cc0a8016401c5a33be04be441'),
    ...(n === 1 ? { assignment_group: ref(`${GROUPS}${NETWORK}`, NETWORK), reassignment_count: '1', sys_mod_count: '6' } : {}),
  };
}

/** sys_id of the generated incident `n` (INC00110nn). */
export const generatedSysId = (n: number): string => `${String(n).padStart(2, '0')}${'ab'.repeat(15)}`;

export function servicenowAudit(): SnRecord[] {
  let id = 0;
  const entry = (incident: number, checkpoint: number, at: string, user: string, fieldname: string, oldvalue: string, newvalue: string): SnRecord => ({
    sys_id: `a${String(++id).padStart(31, '0')}`, tablename: 'incident', documentkey: generatedSysId(incident), fieldname, oldvalue, newvalue,
    reason: '', user, record_checkpoint: String(checkpoint), internal_checkpoint: (0x18e1a6c3f6b0000 + id).toString(16),
    sys_created_on: at, sys_created_by: user,
  });
  const day1 = (time: string) => `2024-03-01 ${time}`;
  const day5 = (time: string) => `2024-03-05 ${time}`;
  return [
    entry(1, 1, day1('08:02:00'), 'system', 'assignment_group', '', SERVICE_DESK),
    entry(1, 2, day1('08:05:00'), 'david.miller', 'assigned_to', '', '6816f79cc0a8016401c5a33be04be441'),
    entry(1, 3, day1('08:10:00'), 'beth.anglin', 'state', '1', '2'),
    entry(1, 3, day1('08:10:00'), 'beth.anglin', 'work_notes', '', 'Looking at the core switch.'),
    entry(1, 4, day1('08:20:00'), 'beth.anglin', 'priority', '3', '2'),
    entry(1, 4, day1('08:20:00'), 'beth.anglin', 'assignment_group', SERVICE_DESK, NETWORK),
    entry(1, 5, day1('08:45:00'), 'beth.anglin', 'state', '2', '6'),
    entry(1, 5, day1('08:45:00'), 'beth.anglin', 'short_description', 'Network down', 'Generated incident 1'),
    entry(1, 6, day1('09:00:00'), 'system', 'state', '6', '7'),
    entry(5, 1, day5('08:15:00'), 'beth.anglin', 'state', '1', '2'),
    entry(5, 2, day5('08:20:00'), 'beth.anglin', 'state', '2', '6'),
    entry(5, 3, day5('08:30:00'), 'abel.tuter', 'state', '6', '2'),
    entry(5, 4, day5('08:45:00'), 'beth.anglin', 'state', '2', '6'),
    entry(5, 5, day5('09:00:00'), 'system', 'state', '6', '7'),
  ];
}

function blank(): SnRecord {
  return Object.fromEntries(Object.keys(REAL_CLOSED).map((key) => [key, '']));
}
