/**
 * Stages records that a profile parsed in JavaScript (JSON exports, event logs) into temporary
 * all-text tables through DuckDB's appender, so they reach the same SQL typing step as CSV
 * columns. The appender is DuckDB's bulk path; a prepared INSERT per row is hundreds of times
 * slower.
 */
import { LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { CANONICAL_FIELD_NAMES, type TextEvent, type TextIncident } from './canonical.ts';
import { quoteIdent } from './sql.ts';

const TEXT_LIST = LIST(VARCHAR);

/** Columns of a staged incidents table besides the canonical fields. */
export const STAGE_META = ['__record', '__raw', '__custom', '__flags'] as const;

/** `fieldNames`: the target's fields (default: the canonical incident fields). */
export async function stageIncidentRecords(
  connection: DuckDBConnection, table: string, records: readonly TextIncident[], fieldNames: readonly string[] = CANONICAL_FIELD_NAMES,
): Promise<void> {
  const columns = fieldNames.map((name) => `${quoteIdent(name)} VARCHAR`).join(', ');
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${table} (__record INTEGER, __raw JSON, __custom JSON, __flags VARCHAR[], ${columns})`,
  );
  const appender = await connection.createAppender(table, 'main', 'temp');
  try {
    records.forEach((record, index) => {
      appender.appendInteger(index + 1);
      appender.appendVarchar(JSON.stringify(record.raw ?? null));
      if (record.custom && Object.keys(record.custom).length > 0) appender.appendVarchar(JSON.stringify(record.custom));
      else appender.appendNull();
      appender.appendList(record.flags ?? [], TEXT_LIST);
      for (const name of fieldNames) appendText(appender, record.fields[name]);
      appender.endRow();
    });
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

export async function stageEventRecords(connection: DuckDBConnection, table: string, events: readonly TextEvent[]): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${table} (external_id VARCHAR, occurred_at VARCHAR, kind VARCHAR, from_value VARCHAR, to_value VARCHAR, level INTEGER, actor VARCHAR, body VARCHAR, __order INTEGER, __record INTEGER)`,
  );
  const appender = await connection.createAppender(table, 'main', 'temp');
  try {
    events.forEach((event, index) => {
      appender.appendVarchar(event.external_id);
      appender.appendVarchar(event.occurred_at);
      appender.appendVarchar(event.kind);
      appendText(appender, event.from_value);
      appendText(appender, event.to_value);
      if (event.level === null || event.level === undefined) appender.appendNull();
      else appender.appendInteger(event.level);
      appendText(appender, event.actor);
      appendText(appender, event.body);
      // __order (0-based) and __record (1-based, what the typing step reads) both number the
      // events in the order the profile gave them.
      appender.appendInteger(index);
      appender.appendInteger(index + 1);
      appender.endRow();
    });
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function appendText(appender: { appendVarchar(v: string): void; appendNull(): void }, value: string | null | undefined): void {
  if (value === null || value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}
