/**
 * Pure: which staged expression feeds each canonical field, and what goes to `custom`.
 *
 * - external_id ← number; title ← short_description; team ← assignment_group;
 *   assignee ← assigned_to; service ← business_service, else cmdb_ci (the configuration item is
 *   the closest thing many instances fill in).
 * - priority ← priority as a label (`3` → `3 - Moderate`); severity is left to the typing step,
 *   which ranks by priority (ServiceNow's own 1–3 `severity` field is rarely kept up and stays in
 *   custom).
 * - status ← state, else the legacy incident_state, codes as labels.
 * - opened_at ← opened_at, else sys_created_on; resolved_at, closed_at as exported. In the
 *   event-log shape, resolved_at falls back to the last move into Resolved/Closed when the
 *   incident is resolved now, and acknowledged_at comes from the timeline (timeline.ts).
 * - reopen_count, reassignment_count as exported, else (event log) derived from the timeline.
 * - url ← the record's page, when Table API JSON names the instance in a reference link.
 * - --map column=field replaces a default; mapped columns leave `custom`.
 * Every other column is kept in `custom` under its field name (labels resolved), cleaned.
 */
import { quoteString } from '../../sql.ts';
import type { SnColumns } from './columns.ts';
import type { RowExpressions } from './expressions.ts';
import { CONSUMED_FIELDS, DATE_FIELDS, TIMESTAMP_FIELDS } from './options.ts';

export interface FieldPlan {
  fields: Partial<Record<string, string>>;
  custom: string | null;
}

export interface NormaliseInput {
  columns: SnColumns;
  rows: RowExpressions;
  /** The staged table has the derived `__…` columns of the event-log shape. */
  eventLog: boolean;
  /** The staged table has a `__url` column (JSON). */
  hasUrl: boolean;
  map: Record<string, string>;
}

export function planFields(input: NormaliseInput): FieldPlan {
  const { columns, rows, eventLog } = input;
  const field = (name: string) => (columns.byField.has(name) ? rows.labelled(name, columns.byField.get(name) as string) : 'NULL');
  const fields: Partial<Record<string, string>> = {
    external_id: rows.number,
    title: field('short_description'),
    service: `coalesce(${field('business_service')}, ${field('cmdb_ci')})`,
    team: rows.group,
    assignee: rows.person,
    priority: rows.priority,
    status: rows.state,
    opened_at: `coalesce(${rows.date('opened_at')}, ${rows.date('sys_created_on')})`,
    resolved_at: eventLog
      ? `coalesce(${rows.date('resolved_at')}, CASE WHEN ${rows.stateClass} IN ('resolved', 'closed') THEN __last_resolved END)`
      : rows.date('resolved_at'),
    closed_at: rows.date('closed_at'),
    reopen_count: eventLog ? `coalesce(${field('reopen_count')}, CAST(__reopens AS VARCHAR))` : field('reopen_count'),
    reassignment_count: eventLog ? `coalesce(${field('reassignment_count')}, CAST(__reassigns AS VARCHAR))` : field('reassignment_count'),
  };
  if (eventLog) fields.acknowledged_at = '__ack_at';
  if (input.hasUrl) fields.url = '__url';

  const mapped = new Set<string>();
  for (const [column, target] of Object.entries(input.map)) {
    const source = columns.all.find((c) => c.column === column) ?? columns.all.find((c) => c.column.toLowerCase() === column.toLowerCase());
    if (!source) continue;
    fields[target] = rows.column(source.column, TIMESTAMP_FIELDS.includes(target));
    mapped.add(source.column);
  }

  const kept = columns.all.filter((c) => !mapped.has(c.column) && !(c.field && CONSUMED_FIELDS.includes(c.field)));
  // Date fields go to custom as ISO text too, so both date formats of an export read alike.
  const value = (c: SnColumns['all'][number]) => (c.field && DATE_FIELDS.some((d) => d === c.field) ? rows.date(c.field) : rows.labelled(c.field ?? '', c.column));
  const entries = kept.map((c) => `${quoteString(c.field ?? c.column)}, ${value(c)}`);
  return { fields, custom: entries.length ? `json_object(${entries.join(', ')})` : null };
}
