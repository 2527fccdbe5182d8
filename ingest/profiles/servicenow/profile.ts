/**
 * `--profile servicenow`: incident list exports (CSV, headers as field names or display
 * labels) and Table API JSON, in either shape — one row per incident, or one row per update (an
 * audit / event log), which collapses to one incident in its latest state plus a timeline.
 *
 * Both readers stage all-text columns; from there one SQL path (no row through JavaScript for
 * CSV): resolve columns (columns.ts), settle the date format (dates.ts), detect the shape
 * (shape.ts), build the timeline and keep each incident's latest row (timeline.ts), map fields
 * (normalise.ts).
 */
import { InputError } from '../../../queries/errors.ts';
import { formatOf } from '../generic/options.ts';
import { stageCsv } from '../generic/read-csv.ts';
import type { ImportContext, Profile, StagedImport } from '../types.ts';
import { cleanSql, fieldSql, resolveColumns, type SnColumns } from './columns.ts';
import { planDates } from './dates.ts';
import { rowExpressions } from './expressions.ts';
import { planFields } from './normalise.ts';
import { DATE_FIELDS, TIMESTAMP_FIELDS } from './options.ts';
import { stageServiceNowJson } from './read-json.ts';
import { SERVICENOW_SCHEME } from './scheme.ts';
import { isEventLog } from './shape.ts';
import { eventsSql, latestRowsSql } from './timeline.ts';

export const servicenowProfile: Profile = {
  name: 'servicenow',
  description: 'ServiceNow incident list export (CSV) or Table API JSON; one row per incident or per update',
  scheme: SERVICENOW_SCHEME,
  stage: stageServiceNow,
};

async function stageServiceNow(context: ImportContext): Promise<StagedImport> {
  const { connection, file, stageTable: table } = context;
  const json = formatOf(file) !== 'csv';
  const staged = json ? await stageServiceNowJson(connection, file, table) : await stageCsv(connection, file, table);
  const columns = resolveColumns(staged.columns);
  requireColumns(file, columns, context.map);

  // Every value the date plan must read: the date fields, and columns mapped onto timestamps.
  const dateValues = DATE_FIELDS.filter((f) => columns.byField.has(f)).map((f) => fieldSql(columns, f));
  for (const [column, target] of Object.entries(context.map)) {
    if (TIMESTAMP_FIELDS.includes(target) && staged.columns.includes(column)) dateValues.push(cleanSql(column));
  }
  const plan = await planDates(connection, table, dateValues, file, context.dateFormat);
  const rows = rowExpressions(columns, plan);

  const eventLog = await isEventLog(connection, table, columns, rows);
  if (eventLog) {
    // The latest rows replace the staged table; the full history lives on in the events table.
    const history = `${table}_updates`;
    await connection.run(`ALTER TABLE ${table} RENAME TO ${history}`);
    try {
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${context.eventsTable} AS ${eventsSql(history, rows)}`);
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${latestRowsSql(history, context.eventsTable, rows)}`);
    } finally {
      await connection.run(`DROP TABLE IF EXISTS ${history}`);
    }
  }
  const mapping = planFields({ columns, rows, eventLog, hasUrl: json && staged.columns.includes('__url'), map: context.map });
  return {
    table, records: staged.records, fields: mapping.fields, custom: mapping.custom,
    profileFlags: json ? '__flags' : null, events: eventLog ? context.eventsTable : null,
  };
}

/** A file without an incident number or an opening time is not an incident export. */
function requireColumns(file: string, columns: SnColumns, map: Record<string, string>): void {
  const mapped = new Set(Object.values(map));
  const missing: string[] = [];
  if (!columns.byField.has('number') && !mapped.has('external_id')) missing.push('"number"');
  if (!columns.byField.has('opened_at') && !columns.byField.has('sys_created_on') && !mapped.has('opened_at')) missing.push('"opened_at" (or "sys_created_on")');
  if (missing.length === 0) return;
  const found = columns.all.map((c) => c.column);
  throw new InputError(
    `${file}: not a ServiceNow incident export: no ${missing.join(' and ')} column (found: ${found.slice(0, 12).join(', ') || 'none'}${found.length > 12 ? ', …' : ''}).`,
  );
}
