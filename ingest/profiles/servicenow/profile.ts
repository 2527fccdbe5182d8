/**
 * `--profile servicenow`: incident list exports (CSV, headers as field names or display
 * labels) and Table API JSON, in either shape — one row per incident, or one row per update (an
 * audit / event log), which collapses to one incident in its latest state plus a timeline.
 *
 * Both readers stage all-text columns; from there one SQL path (no CSV row passes through
 * JavaScript): resolve columns (columns.ts), settle the date format (dates.ts), compute each
 * row's values once into plain columns (expressions.ts), detect the shape (shape.ts), build the
 * timeline and keep each incident's latest row (timeline.ts), name the fields (normalise.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../../queries/errors.ts';
import { formatOf } from '../generic/options.ts';
import { stageCsv } from '../generic/read-csv.ts';
import type { ImportContext, Profile, StagedImport } from '../types.ts';
import { numberParams } from '../../params.ts';
import { cleanSql, resolveColumns, type SnColumns } from './columns.ts';
import { naiveIsoPlan, type DateColumnPlan } from '../../dates/index.ts';
import { planDates } from './dates.ts';
import { ROW, derivedColumnsSql } from './expressions.ts';
import { planFields } from './normalise.ts';
import { CONSUMED_FIELDS, DATE_FIELDS, TIMESTAMP_FIELDS } from './options.ts';
import { stageServiceNowJson } from './read-json.ts';
import { SERVICENOW_SCHEME, statusClassValues } from './scheme.ts';
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
  // The file as read, and (event log) every derived row: both are dropped before returning.
  const source = `${table}_source`;
  const updates = `${table}_updates`;
  try {
    const staged = json ? await stageServiceNowJson(connection, file, source) : await stageCsv(connection, file, source);
    const columns = resolveColumns(staged.columns);
    const mapped = mappedColumns(columns, context.map);
    requireColumns(file, columns, [...mapped.values()]);

    // Every column the date plan must read: the date fields, and columns mapped onto timestamps.
    const dateColumns = [...new Set([
      ...DATE_FIELDS.flatMap((f) => columns.byField.get(f) ?? []),
      ...[...mapped].filter(([, target]) => TIMESTAMP_FIELDS.includes(target)).map(([column]) => column),
    ])];
    // Table API JSON holds raw date-times (naive ISO): proven in JavaScript, they need no detection.
    const proven = new Map(dateColumns.flatMap((column) => {
      const values = 'naiveIso' in staged ? staged.naiveIso(column) : null;
      return values === null ? [] : [[column, naiveIsoPlan(column, values)] as const];
    }));
    const plans = await planDates(
      connection, source, dateColumns.map((column) => ({ name: column, expr: cleanSql(column), clean: true })), file, context.dateFormat, proven,
    );
    // Each date column's cleaned text first, as a plain column the date reading then refers to.
    const dates = new Map(dateColumns.map((column, i) => [column, { ref: `__sn_date_${i}`, plan: plans.get(column)! }]));
    const cleaned = [...dates].map(([column, date]) => `${cleanSql(column)} AS ${date.ref}`);

    const meta = ['__record', '__raw', ...(json ? ['__flags', '__url'] : [])];
    const derived = derivedColumnsSql({
      columns, dates, dateFormat: context.dateFormat, statusParams: { words: '$status_words', classes: '$status_classes' },
      mapped, timestampFields: TIMESTAMP_FIELDS, consumed: CONSUMED_FIELDS,
    });
    const from = cleaned.length > 0 ? `(SELECT *, ${cleaned.join(', ')} FROM ${source})` : source;
    // The format and the status words are user text: bound, never spliced.
    const { words, classes } = statusClassValues(context.scheme.status);
    const statement = numberParams(
      `CREATE OR REPLACE TEMP TABLE ${updates} AS SELECT ${[...meta, ...derived].join(', ')} FROM ${from}`,
      { status_words: words, status_classes: classes, ...(context.dateFormat === null ? {} : { date_format: context.dateFormat }) },
    );
    await connection.run(statement.sql, statement.params);
    await connection.run(`DROP TABLE ${source}`);

    // No incident number repeats (every JSON sync batch): one row per incident, no query needed.
    const numbers = columns.byField.get('number');
    const once = numbers !== undefined && 'distinct' in staged && staged.distinct(numbers);
    // A sync with the audit history says so itself: a batch whose incidents have no changes is
    // still their (empty) history, not a one-row-per-incident list with counts unknown.
    const eventLog = context.wholeHistory || (once ? false : await isEventLog(connection, updates));
    if (eventLog) {
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${context.eventsTable} AS ${eventsSql(updates)}`);
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${latestRowsSql(updates, context.eventsTable)}`);
    } else {
      await connection.run(`ALTER TABLE ${updates} RENAME TO ${table}`);
    }
    const fields = planFields({ eventLog, hasUrl: json, mappedFields: [...mapped.values()] });
    return {
      table, records: staged.records, fields, custom: ROW.custom,
      plans: eventLog || context.dateFormat !== null ? new Map() : provenFieldPlans(columns, fields, proven),
      profileFlags: json ? '__flags' : null, events: eventLog ? context.eventsTable : null,
    };
  } finally {
    await dropTables(connection, [source, updates]);
  }
}

/**
 * Plans of the timestamp fields read straight from proven columns (their derived column is the
 * cleaned value passed through: naive ISO or NULL), so the import's own scan skips them too.
 * Only without --date-format (which rewrites values) and for the one-row-per-incident shape
 * (the event log's fields come from the timeline); a field --map feeds is detected as usual.
 */
function provenFieldPlans(
  columns: SnColumns, fields: Partial<Record<string, string>>, proven: ReadonlyMap<string, DateColumnPlan>,
): Map<string, DateColumnPlan> {
  const sources: Record<string, { derived: string; from: readonly string[] }> = {
    opened_at: { derived: ROW.opened, from: ['opened_at', 'sys_created_on'] },
    resolved_at: { derived: ROW.resolved, from: ['resolved_at'] },
    closed_at: { derived: ROW.closed, from: ['closed_at'] },
  };
  const plans = new Map<string, DateColumnPlan>();
  for (const [field, { derived, from }] of Object.entries(sources)) {
    if (fields[field] !== derived) continue;
    const present = from.flatMap((name) => columns.byField.get(name) ?? []);
    const counts = present.map((column) => proven.get(column)?.counts.values ?? null);
    if (counts.includes(null)) continue;
    // A coalesce of proven columns holds at least as many values as its fullest one; only whether
    // there are any shapes the plan (empty or iso).
    plans.set(field, naiveIsoPlan(field, Math.max(0, ...(counts as number[]))));
  }
  return plans;
}

/** --map entries whose column the file has (staged column → canonical field); others are ignored, as in the generic profile. */
function mappedColumns(columns: SnColumns, map: Record<string, string>): Map<string, string> {
  const mapped = new Map<string, string>();
  for (const [column, target] of Object.entries(map)) {
    const source = columns.all.find((c) => c.column === column) ?? columns.all.find((c) => c.column.toLowerCase() === column.toLowerCase());
    if (source) mapped.set(source.column, target);
  }
  return mapped;
}

/** A file without an incident number or an opening time is not an incident export. */
function requireColumns(file: string, columns: SnColumns, mappedFields: readonly string[]): void {
  const missing: string[] = [];
  if (!columns.byField.has('number') && !mappedFields.includes('external_id')) missing.push('"number"');
  if (!columns.byField.has('opened_at') && !columns.byField.has('sys_created_on') && !mappedFields.includes('opened_at')) {
    missing.push('"opened_at" (or "sys_created_on")');
  }
  if (missing.length === 0) return;
  const found = columns.all.map((c) => c.column);
  throw new InputError(
    `${file}: not a ServiceNow incident export: no ${missing.join(' and ')} column (found: ${found.slice(0, 12).join(', ') || 'none'}${found.length > 12 ? ', …' : ''}).`,
  );
}

async function dropTables(connection: DuckDBConnection, tables: readonly string[]): Promise<void> {
  for (const name of tables) await connection.run(`DROP TABLE IF EXISTS ${name}`);
}
