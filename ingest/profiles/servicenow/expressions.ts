/**
 * Pure: the per-row SQL expressions every ServiceNow step shares (shape detection, timeline,
 * field mapping), so the incident, its order of updates and its timeline read one row the same
 * way. Values are cleaned (null markers → NULL), codes become labels, dates become ISO text.
 */
import { cleanSql, fieldSql, type SnColumns } from './columns.ts';
import { dateSql, type DatePlan } from './dates.ts';
import { LEVEL_LABELS, PRIORITY_LABELS, STATE_LABELS, labelSql, statusClassSql } from './scheme.ts';

export interface RowExpressions {
  number: string;
  /** State label: `state`, else the legacy `incident_state`, codes turned into labels. */
  state: string;
  /** Canonical class of the state (open, acknowledged, on_hold, resolved, closed, canceled) or NULL. */
  stateClass: string;
  priority: string;
  group: string;
  person: string;
  /** Last update time as naive ISO text (sorts as text within one file). */
  updated: string;
  updatedBy: string;
  /** sys_mod_count as an integer, NULL when absent or junk. */
  modCount: string;
  /** A date field as ISO text. */
  date(field: string): string;
  /** A column given by its staged name (for --map), dates converted when `timestamp`. */
  column(name: string, timestamp: boolean): string;
  /** A field cleaned, with its choice codes turned into labels where it has any. */
  labelled(field: string, column: string): string;
}

export function rowExpressions(columns: SnColumns, plan: DatePlan): RowExpressions {
  const field = (name: string) => fieldSql(columns, name);
  const state = labelSql(`coalesce(${field('state')}, ${field('incident_state')})`, STATE_LABELS);
  const date = (name: string) => dateSql(field(name), plan);
  return {
    number: field('number'),
    state,
    stateClass: statusClassSql(state),
    priority: labelSql(field('priority'), PRIORITY_LABELS),
    group: field('assignment_group'),
    person: field('assigned_to'),
    updated: date('sys_updated_on'),
    updatedBy: field('sys_updated_by'),
    modCount: `TRY_CAST(${field('sys_mod_count')} AS INTEGER)`,
    date,
    column: (name, timestamp) => (timestamp ? dateSql(cleanSql(name), plan) : cleanSql(name)),
    labelled: (name, column) => {
      const value = cleanSql(column);
      if (name === 'priority') return labelSql(value, PRIORITY_LABELS);
      if (name === 'impact' || name === 'urgency' || name === 'severity') return labelSql(value, LEVEL_LABELS);
      if (name === 'state' || name === 'incident_state') return labelSql(value, STATE_LABELS);
      return value;
    },
  };
}
