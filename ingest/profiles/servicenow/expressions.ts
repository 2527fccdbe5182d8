/**
 * The per-row values every ServiceNow step shares — shape detection, timeline, field mapping —
 * computed ONCE into plain `__sn_…` columns of a derived table (profile.ts), so the incident,
 * its order of updates and its timeline read a row the same way. Values are cleaned (null
 * markers → NULL), codes become labels, dates become naive ISO text.
 *
 * Why columns and not inline expressions: the shared typing and date-detection steps mention
 * each field's expression many times; inlined lookups and date conversions nested inside them
 * made DuckDB spend minutes planning a 16-row import.
 */
import { quoteString } from '../../sql.ts';
import { cleanSql, fieldSql, type SnColumns } from './columns.ts';
import type { DateColumnPlan } from '../../dates/index.ts';
import { dateTextSql } from './dates.ts';
import { LEVEL_LABELS, PRIORITY_LABELS, STATE_LABELS, labelSql, statusClassSql } from './scheme.ts';

/** Names of the derived columns. */
export const ROW = {
  number: '__sn_number',
  /** State label: `state`, else the legacy `incident_state`, codes turned into labels. */
  state: '__sn_state',
  /** Canonical class of the state (open, acknowledged, on_hold, resolved, closed, canceled) or NULL. */
  stateClass: '__sn_class',
  priority: '__sn_priority',
  title: '__sn_title',
  service: '__sn_service',
  group: '__sn_group',
  person: '__sn_person',
  opened: '__sn_opened',
  resolved: '__sn_resolved',
  closed: '__sn_closed',
  /** Last update time as naive ISO text (sorts as text within one file). */
  updated: '__sn_updated',
  updatedBy: '__sn_updated_by',
  /** sys_mod_count as an integer, NULL when absent or junk. */
  modCount: '__sn_mod',
  reopens: '__sn_reopen_count',
  reassignments: '__sn_reassignment_count',
  custom: '__sn_custom',
} as const;

/** Prefix of the derived columns holding --map sources (`__sn_map_<field>`). */
export const MAPPED = '__sn_map_';

/** A staged date column: the plain column its cleaned text is computed into first, and its plan. */
export interface DateColumn {
  ref: string;
  plan: DateColumnPlan;
}

export interface DerivedInput {
  columns: SnColumns;
  /** Staged column → its cleaned date text and plan, for every date column read (dates.ts). */
  dates: ReadonlyMap<string, DateColumn>;
  /** --date-format, or null; bound at `$date_format`. */
  dateFormat: string | null;
  /** Placeholders bound to statusClassValues(the scheme in force): status words and their classes. */
  statusParams: { words: string; classes: string };
  /** Staged column → canonical field (--map), already checked to exist. */
  mapped: ReadonlyMap<string, string>;
  timestampFields: readonly string[];
  /** Fields that feed canonical fields and so are not repeated in `custom`. */
  consumed: readonly string[];
}

/** SQL select-list items (`expr AS name`) for the derived columns. */
export function derivedColumnsSql(input: DerivedInput): string[] {
  const { columns } = input;
  const field = (name: string) => fieldSql(columns, name);
  const date = (name: string) => {
    const column = columns.byField.get(name);
    return column === undefined ? 'CAST(NULL AS VARCHAR)' : dateText(input, column);
  };
  const state = labelSql(`coalesce(${field('state')}, ${field('incident_state')})`, STATE_LABELS);
  const items: Record<string, string> = {
    [ROW.number]: field('number'),
    [ROW.state]: state,
    [ROW.stateClass]: statusClassSql(state, input.statusParams.words, input.statusParams.classes),
    [ROW.priority]: labelSql(field('priority'), PRIORITY_LABELS),
    [ROW.title]: field('short_description'),
    [ROW.service]: `coalesce(${field('business_service')}, ${field('cmdb_ci')})`,
    [ROW.group]: field('assignment_group'),
    [ROW.person]: field('assigned_to'),
    [ROW.opened]: `coalesce(${date('opened_at')}, ${date('sys_created_on')})`,
    [ROW.resolved]: date('resolved_at'),
    [ROW.closed]: date('closed_at'),
    [ROW.updated]: date('sys_updated_on'),
    [ROW.updatedBy]: field('sys_updated_by'),
    [ROW.modCount]: `TRY_CAST(${field('sys_mod_count')} AS INTEGER)`,
    [ROW.reopens]: field('reopen_count'),
    [ROW.reassignments]: field('reassignment_count'),
    [ROW.custom]: customSql(input),
  };
  for (const [column, target] of input.mapped) {
    items[`${MAPPED}${target}`] = input.timestampFields.includes(target) ? dateText(input, column) : cleanSql(column);
  }
  return Object.entries(items).map(([name, expr]) => `${expr} AS ${name}`);
}

/**
 * Every column that feeds no canonical field, under its field name (labels resolved) or its
 * own header; choice codes as labels, date fields as ISO text like the canonical ones, null
 * markers as null. Keys are made unique (a header may spell another column's field name).
 */
function customSql(input: DerivedInput): string {
  const kept = input.columns.all.filter((c) => !input.mapped.has(c.column) && !(c.field && input.consumed.includes(c.field)));
  if (kept.length === 0) return 'CAST(NULL AS JSON)';
  const value = (column: string, field: string | null) => {
    const clean = cleanSql(column);
    if (field === 'impact' || field === 'urgency' || field === 'severity') return labelSql(clean, LEVEL_LABELS);
    if (input.dates.has(column)) return dateText(input, column);
    return clean;
  };
  const keys = uniqueKeys(kept.map((c) => [c.field ?? c.column, c.column]));
  return `json_object(${kept.map((c, i) => `${quoteString(keys[i] as string)}, ${value(c.column, c.field)}`).join(', ')})`;
}

/** SQL: a staged date column as naive ISO text (dates.ts); the caller computed its cleaned text into `ref`. */
function dateText(input: DerivedInput, column: string): string {
  const date = input.dates.get(column);
  if (!date) throw new Error(`No date plan for the ServiceNow column "${column}".`);
  return dateTextSql(date.ref, date.plan, input.dateFormat, '$date_format');
}

/** Preferred key, else the column's own name, else a numbered one. */
function uniqueKeys(candidates: ReadonlyArray<readonly [string, string]>): string[] {
  const used = new Set<string>();
  return candidates.map(([preferred, own], index) => {
    const key = [preferred, own, `${own}_${index + 1}`].find((k) => !used.has(k)) as string;
    used.add(key);
    return key;
  });
}
