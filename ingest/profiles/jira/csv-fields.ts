/**
 * Pure: the grouped header of a Jira CSV (csv-columns.ts) → the SQL text expression feeding
 * each canonical field and the JSON expression for `custom`. Nothing here runs SQL.
 *
 * Repeated headers become lists in `custom` (empty cells dropped); a repeated header that
 * feeds a field gives its first non-empty value (the first component is the service).
 */
import { quoteIdent, quoteString } from '../../sql.ts';
import type { ColumnGroup } from './csv-columns.ts';
import { CSV_ALSO_CUSTOM, CSV_FIELDS, CSV_LIST_COLUMNS, STATUS_CATEGORY_HEADER } from './options.ts';
import { statusWithCategorySql } from './scheme.ts';

export interface CsvFieldPlan {
  /** canonical field → SQL text expression over the staged table. */
  fields: Partial<Record<string, string>>;
  /** SQL JSON expression for `custom`, or null when every column feeds a field. */
  custom: string | null;
}

/**
 * `knownParam`: the placeholder the import binds to the status words in force (statusWordsValue
 * of ImportContext.scheme.status), for the status-category fallback.
 */
export function planCsvFields(groups: readonly ColumnGroup[], map: Record<string, string>, knownParam: string): CsvFieldPlan {
  const byHeader = new Map(groups.map((group) => [group.header, group]));
  const find = (header: string) => byHeader.get(header) ?? groups.find((g) => g.header.toLowerCase() === header.toLowerCase());

  // field → the group feeding it: defaults first, then --map entries replace them.
  const sources = new Map<string, ColumnGroup>();
  for (const [header, field] of Object.entries(CSV_FIELDS)) {
    const group = find(header);
    if (group) sources.set(field, group);
  }
  for (const [header, field] of Object.entries(map)) {
    const group = find(header);
    if (group) sources.set(field, group);
  }

  // Dates stay as exported (`12/Mar/24 3:04 PM`): the shared date step (ingest/dates) reads
  // month names, decides each column from all its values and applies --date-format.
  const fields: Partial<Record<string, string>> = {};
  for (const [field, group] of sources) fields[field] = firstValue(group);
  const category = find(STATUS_CATEGORY_HEADER);
  const status = sources.get('status');
  if (status && status.header === 'Status' && category && fields.status) {
    fields.status = statusWithCategorySql(fields.status, firstValue(category), knownParam);
  }

  const used = new Set([...sources.values()]);
  const entries = groups
    .filter((group) => !used.has(group) || CSV_ALSO_CUSTOM.includes(group.header))
    .map((group) => customEntry(group));
  return { fields, custom: entries.length ? `json_object(${entries.join(', ')})` : null };
}

function firstValue(group: ColumnGroup): string {
  const columns = group.columns.map((column) => `NULLIF(trim(${quoteIdent(column)}), '')`);
  return columns.length === 1 ? (columns[0] as string) : `coalesce(${columns.join(', ')})`;
}

function customEntry(group: ColumnGroup): string {
  const listKey = CSV_LIST_COLUMNS[group.header];
  if (!listKey && group.columns.length === 1) return `${quoteString(group.header)}, ${quoteIdent(group.columns[0] as string)}`;
  const list = `[${group.columns.map(quoteIdent).join(', ')}]`;
  return `${quoteString(listKey ?? group.header)}, list_filter(${list}, v -> NULLIF(trim(v), '') IS NOT NULL)`;
}
