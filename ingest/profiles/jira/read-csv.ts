/**
 * Stages a Jira "Export → CSV (all fields)" file through DuckDB's read_csv (the fast path: no
 * row passes through JavaScript), via the generic profile's reader so every CSV gets the same
 * dialect, BOM handling and one-sentence errors. `raw` is the row as JSON under DuckDB's column
 * names, so repeated headers appear there as `Labels`, `Labels_1`, …
 */
import { InputError } from '../../../queries/errors.ts';
import { stageCsv } from '../generic/read-csv.ts';
import type { ImportContext, StagedImport } from '../types.ts';
import { readColumnGroups } from './csv-columns.ts';
import { planCsvFields } from './csv-fields.ts';
import { REQUIRED_FIELDS } from './options.ts';
import { statusWordsValue } from './scheme.ts';

export async function stageJiraCsv(context: ImportContext): Promise<StagedImport> {
  const staged = await stageCsv(context.connection, context.file, context.stageTable);
  const groups = await readColumnGroups(context.connection, context.file, staged.columns);
  const plan = planCsvFields(groups, context.map, '$jira_status_words');
  const missing = REQUIRED_FIELDS.filter((field) => !plan.fields[field]);
  if (missing.length > 0) {
    const headers = groups.map((group) => group.header);
    throw new InputError(
      `${context.file}: not a Jira CSV export: nothing feeds ${missing.map((f) => `"${f}"`).join(', ')} (expected the columns "Issue key" and "Created"; found: ${headers.slice(0, 12).join(', ') || 'none'}${headers.length > 12 ? ', …' : ''}).`,
    );
  }
  return {
    table: context.stageTable, records: staged.records, fields: plan.fields, custom: plan.custom, profileFlags: null, events: null,
    values: { jira_status_words: statusWordsValue(context.scheme.status) },
  };
}
