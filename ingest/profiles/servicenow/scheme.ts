/**
 * ServiceNow's codes and words. Raw Table API values are codes (`state: "6"`, `priority: "3"`);
 * display values and list exports are labels (`Resolved`, `3 - Moderate`). Codes become the
 * labels here, so both spellings type the same way and the dashboard shows one vocabulary.
 *
 * Hazards:
 * - incident_state codes 4 and 5 meant "Awaiting …" states in old releases and are not in the
 *   current choice list; instances differ, so they are left as codes (flagged unknown_status)
 *   rather than guessed.
 * - Lookups are list positions, not `CASE x WHEN … WHEN …`: DuckDB expands a simple CASE into
 *   one comparison per branch, each with its own copy of `x`, and nested lookups then grow into
 *   expression trees that take minutes to plan.
 */
import { listValue, type DuckDBListValue } from '@duckdb/node-api';
import type { Scheme, StatusAliases } from '../../scheme.ts';
import { quoteString } from '../../sql.ts';

export const STATE_LABELS: Readonly<Record<string, string>> = {
  '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled',
};

export const PRIORITY_LABELS: Readonly<Record<string, string>> = {
  '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning',
};

/** impact and urgency (and the incident `severity` field) share this choice list. */
export const LEVEL_LABELS: Readonly<Record<string, string>> = { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' };

export const SERVICENOW_SCHEME: Partial<Scheme> = {
  status: {
    // Legacy "Active" is the worked-on state after New (the default table reads it as open).
    active: 'acknowledged',
    'awaiting caller': 'on_hold',
    'awaiting customer': 'on_hold',
  },
};

/** SQL: a code replaced by its label; anything else (labels, junk) unchanged. */
export function labelSql(value: string, labels: Readonly<Record<string, string>>): string {
  return `coalesce(${lookup(value, labels)}, ${value})`;
}

/**
 * SQL: the canonical status class of a state label under the scheme in force (defaults,
 * ServiceNow's words, then hindsight.yaml's: ImportContext.scheme), for telling transitions
 * apart in an event log; NULL for unknown words. A state named only in hindsight.yaml (a
 * custom `Awaiting Change Board`) so takes part in ack / hold / resolve / reopen detection.
 */
export function statusClassSql(label: string, wordsParam: string, classesParam: string): string {
  // The words are configuration (hindsight.yaml), so they are bound lists, never spliced.
  return `${classesParam}[list_position(${wordsParam}, lower(trim(${label})))]`;
}

/** The values to bind for statusClassSql's two placeholders (same order). */
export function statusClassValues(statuses: StatusAliases): { words: DuckDBListValue; classes: DuckDBListValue } {
  return { words: listValue(Object.keys(statuses)), classes: listValue(Object.values(statuses)) };
}

/** `[values][list_position([keys], key)]`: NULL when the key is missing; `key` appears once. */
function lookup(key: string, table: Readonly<Record<string, string>>): string {
  const keys = Object.keys(table).map(quoteString).join(', ');
  const values = Object.values(table).map(quoteString).join(', ');
  return `[${values}][list_position([${keys}], ${key})]`;
}
