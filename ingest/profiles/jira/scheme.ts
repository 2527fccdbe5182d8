/**
 * Jira's status and priority words on top of the canonical defaults (ingest/scheme.ts), and
 * the status categories Jira itself puts every workflow status in (`new`, `indeterminate`,
 * `done`). Custom workflow statuses are common and no alias table can know them all; Jira's
 * category for such a status is the vendor's own classification, so it stands in when the
 * status word is unknown (see `statusWithCategory`).
 */
import { listValue, type DuckDBListValue } from '@duckdb/node-api';
import type { Scheme, Status, StatusAliases } from '../../scheme.ts';
import { quoteString } from '../../sql.ts';

export const JIRA_SCHEME: Partial<Scheme> = {
  severity: {
    // Jira Cloud priorities (Highest…Lowest) and Server's (Blocker…Trivial) are in the defaults;
    // JSM severity fields often say "Severity 1".
    'severity 1': 1, 'severity 2': 2, 'severity 3': 3, 'severity 4': 4, 'severity 5': 5,
  },
  status: {
    backlog: 'open',
    'selected for development': 'open',
    // JSM: "Waiting for support" means it is the agents' turn (the default table calls it on hold).
    'waiting for support': 'open',
    escalated: 'acknowledged',
    'in review': 'acknowledged',
    'under review': 'acknowledged',
    declined: 'canceled',
    // Status category keys (REST) — the display names ("To Do", "In Progress", "Done") are defaults.
    indeterminate: 'acknowledged',
  },
};

export type StatusCategory = 'new' | 'indeterminate' | 'done';

const CATEGORY_OF_STATUS: Record<Status, StatusCategory> = {
  open: 'new', acknowledged: 'indeterminate', on_hold: 'indeterminate', resolved: 'done', closed: 'done', canceled: 'done',
};

/**
 * The category of a status name from the scheme in force (defaults, Jira's words, hindsight.yaml;
 * ImportContext.scheme), when the file does not say; null if unknown.
 */
export function categoryFromScheme(name: string | null | undefined, statuses: StatusAliases): StatusCategory | null {
  if (!name) return null;
  const status = statuses[name.trim().toLowerCase()];
  return status ? CATEGORY_OF_STATUS[status] : null;
}

/** Normalises a category as REST (`new`) or CSV (`To Do`) gives it. */
export function parseCategory(value: string | null | undefined): StatusCategory | null {
  const word = value?.trim().toLowerCase();
  if (word === 'new' || word === 'to do') return 'new';
  if (word === 'indeterminate' || word === 'in progress') return 'indeterminate';
  if (word === 'done') return 'done';
  return null;
}

/**
 * The status text handed to the typing step: the status name when the scheme in force knows it
 * (so a custom status named in hindsight.yaml keeps its own meaning), else the category (its key
 * or display name), else the unknown name (flagged `unknown_status`).
 */
export function statusWithCategory(name: string | null, category: string | null, statuses: StatusAliases): string | null {
  if (name && Object.hasOwn(statuses, name.trim().toLowerCase())) return name;
  // Jira's "No Category" (key `undefined`) says nothing; the unknown name is kept and flagged.
  return parseCategory(category) ? category : name;
}

/**
 * The same rule as SQL over two text expressions. `knownParam` is the placeholder bound to the
 * scheme's status words (statusWordsValue): configuration, so bound, never spliced.
 */
export function statusWithCategorySql(name: string, category: string | null, knownParam: string): string {
  if (!category) return name;
  // list_contains, not IN: DuckDB plans an IN list of five or more values as a hash join.
  const categories = ['new', 'indeterminate', 'done', 'to do', 'in progress'].map(quoteString).join(', ');
  return `CASE WHEN list_contains(${knownParam}, lower(trim(${name}))) THEN ${name}
               WHEN list_contains([${categories}], lower(trim(${category}))) THEN trim(${category}) ELSE ${name} END`;
}

/** The value to bind for statusWithCategorySql's `knownParam`. */
export function statusWordsValue(statuses: StatusAliases): DuckDBListValue {
  return listValue(Object.keys(statuses));
}
