/**
 * Pure: an incident's audit history (sys_audit entries) → the incident as it stood after each
 * update, oldest first, ending with the record as the Table API returned it. That is the
 * servicenow profile's "one row per update" shape, whose timeline step turns state changes into
 * status / acknowledged / on_hold / resumed / resolved / reopened events, assignment changes into
 * reassignments and priority raises into escalations — so a saved event-log export and a live
 * sync are read by the same normaliser, and the connector maps no vendor field itself.
 *
 * sys_audit, as the Table API returns it (raw values, all strings): `documentkey` (the
 * incident's sys_id), `fieldname`, `oldvalue`, `newvalue` (codes; sys_ids for references; UTC
 * date-times), `sys_created_on` (when, UTC), `user` (user name of who changed it),
 * `record_checkpoint` (the record's update number: one update that changes several fields writes
 * one entry per field with the same checkpoint).
 *
 * How the rows are built: the entries of one update (same checkpoint and time) form one row at
 * that time, by that user. The first row is the incident at creation (sys_created_on), each
 * audited field at the `oldvalue` of its earliest entry — by default ServiceNow audits updates,
 * not inserts. Fields without entries keep the record's value throughout.
 *
 * Hazard: an audit with gaps (a field not audited for a while, entries purged by a retention
 * rule) makes the last reconstructed row differ from the record; the record still wins as the
 * latest row, and the difference shows as one more change at its sys_updated_on.
 */
import { isObject } from '../instants.ts';
import { snMillis } from './query.ts';

/** The fields whose history makes the timeline. `incident_state` mirrors `state` and isn't needed. */
export const AUDITED_FIELDS = ['state', 'assignment_group', 'assigned_to', 'priority'] as const;

export interface AuditEntry {
  documentkey: string;
  fieldname: string;
  oldvalue: string;
  newvalue: string;
  sys_created_on: string;
  user: string;
  record_checkpoint: string;
}

/** A record and its audit entries, as a sync page carries them (connector.ts expands it). */
export class AuditedRecord {
  constructor(readonly record: Record<string, unknown>, readonly audit: readonly AuditEntry[]) {}
}

/** The rows for one incident: its past states, oldest first, then the record itself. */
export function historyRows(record: Record<string, unknown>, entries: readonly AuditEntry[]): Record<string, unknown>[] {
  const audited = new Set<string>(AUDITED_FIELDS);
  const relevant = entries
    .map((entry, order) => ({ entry, order, at: snMillis(entry.sys_created_on), checkpoint: Number(entry.record_checkpoint) }))
    .filter(({ entry, at }) => audited.has(entry.fieldname) && !Number.isNaN(at))
    .sort((a, b) => a.at - b.at || (a.checkpoint || 0) - (b.checkpoint || 0) || a.order - b.order);
  if (relevant.length === 0) return [record];

  const state: Record<string, string> = {};
  for (const { entry } of relevant) if (!(entry.fieldname in state)) state[entry.fieldname] = entry.oldvalue;
  const created = typeof record.sys_created_on === 'string' && !Number.isNaN(snMillis(record.sys_created_on)) ? record.sys_created_on : null;
  const first = relevant[0]!.entry.sys_created_on;
  const rows: Record<string, unknown>[] = [
    { ...record, ...state, sys_updated_on: created !== null && created < first ? created : first, sys_updated_by: null },
  ];
  let index = 0;
  while (index < relevant.length) {
    const { entry, checkpoint } = relevant[index]!;
    // One update: the run of entries with this one's time and checkpoint.
    while (index < relevant.length && relevant[index]!.entry.sys_created_on === entry.sys_created_on && sameCheckpoint(relevant[index]!.checkpoint, checkpoint)) {
      const change = relevant[index]!.entry;
      state[change.fieldname] = change.newvalue;
      index += 1;
    }
    rows.push({ ...record, ...state, sys_updated_on: entry.sys_created_on, sys_updated_by: entry.user || null });
  }
  rows.push(record);
  return rows;
}

function sameCheckpoint(a: number, b: number): boolean {
  return (Number.isNaN(a) && Number.isNaN(b)) || a === b;
}

/** Checks one sys_audit result item; the reason when it is not an entry, else null. */
export function auditProblem(item: unknown): string | null {
  if (!isObject(item)) return 'is not a record';
  for (const field of ['documentkey', 'fieldname', 'sys_created_on'] as const) {
    if (typeof item[field] !== 'string' || item[field] === '') return `has no ${field}`;
  }
  if (Number.isNaN(snMillis(item.sys_created_on))) return `has an unreadable sys_created_on ${JSON.stringify(item.sys_created_on)}`;
  return null;
}

/** An item that passed auditProblem, with absent optional fields as empty strings. */
export function toEntry(item: Record<string, unknown>): AuditEntry {
  const text = (value: unknown) => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));
  return {
    documentkey: text(item.documentkey), fieldname: text(item.fieldname), oldvalue: text(item.oldvalue), newvalue: text(item.newvalue),
    sys_created_on: text(item.sys_created_on), user: text(item.user), record_checkpoint: text(item.record_checkpoint),
  };
}
