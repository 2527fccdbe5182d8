/**
 * Stages timeline events, plus events that belong to no importable incident (`orphans`: log
 * entries for an incident that isn't in the file, updates of an incident without an id). Those
 * can't be attached: keyed by their incident's id, the shared step would replace that incident's
 * stored timeline with a fragment. So they are staged without an id, which the shared step
 * rejects and counts (ImportSummary.rejected.missing_external_id) — reported, never lost silently.
 *
 * Used by the pagerduty and statuspage profiles.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TextEvent } from '../../canonical.ts';
import { stageEventRecords } from '../../stage-records.ts';

export type UnkeyedEvent = Omit<TextEvent, 'external_id'>;

export async function stageEvents(connection: DuckDBConnection, table: string, events: readonly TextEvent[], orphans: readonly UnkeyedEvent[]): Promise<void> {
  // stageEventRecords takes text ids only; a real id is never empty (json.ts textOf), so ''
  // marks the orphans, which then lose it.
  await stageEventRecords(connection, table, [...events, ...orphans.map((event) => ({ ...event, external_id: '' }))]);
  await connection.run(`UPDATE ${table} SET external_id = NULL WHERE external_id = ''`);
  await addRecordColumn(connection, table);
}

/**
 * WORKAROUND (remove when the shared step agrees with itself): typing-followups.ts'
 * typedEventsSql reads the event order from `__record`, while stageEventRecords names it
 * `__order`. Adds `__record` (1-based) when only `__order` exists.
 */
async function addRecordColumn(connection: DuckDBConnection, table: string): Promise<void> {
  const reader = await connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${table})`);
  const columns = reader.getRowObjectsJson().map((row) => String(row.column_name));
  if (columns.includes('__record') || !columns.includes('__order')) return;
  await connection.run(`ALTER TABLE ${table} ADD COLUMN __record INTEGER`);
  await connection.run(`UPDATE ${table} SET __record = __order + 1`);
}
