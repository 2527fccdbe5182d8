/**
 * Writes typed rows into the store. The caller holds the transaction (import-file.ts), so a
 * failure anywhere rolls the whole file back: the database is either before or after, never
 * half of it.
 *
 * Incidents upsert by (source, external_id): re-importing the same records changes nothing (a
 * row is rewritten only when a stored value would change, and imported_at keeps the first
 * import's time). The typed values are compared, not only the source record: the same record
 * read with a corrected `--tz`, `--date-format`, `--map` or hindsight.yaml severity/status
 * words types differently, and a user re-importing to correct that must see the correction. A timeline is replaced per incident: the events staged for an incident are
 * its whole known history, so re-importing it yields the same rows, never a doubled timeline.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Columns an update rewrites: everything but the key and the first-import time. */
const UPDATED_COLUMNS = [
  'title', 'service', 'team', 'severity', 'severity_rank', 'priority', 'status', 'opened_at',
  'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at', 'reopen_count',
  'escalation_count', 'reassignment_count', 'assignee', 'root_cause', 'is_drill',
  'customer_impact_minutes', 'postmortem_url', 'postmortem_done_at', 'url', 'custom', 'raw',
  'updated_at', 'quality_flags',
] as const;

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** `table` holds rows shaped like `incidents` plus a `record` column (the source record number). */
export function upsertIncidents(connection: DuckDBConnection, table: string): Promise<UpsertCounts> {
  return upsertByKey(connection, table, 'incidents', ['source', 'external_id'], UPDATED_COLUMNS);
}

const ACTION_ITEM_COLUMNS = [
  'external_id', 'title', 'owner', 'status', 'created_at', 'due_at', 'completed_at', 'raw', 'updated_at', 'quality_flags',
] as const;

/** `table` holds rows shaped like `action_items` plus a `record` column. */
export function upsertActionItems(connection: DuckDBConnection, table: string): Promise<UpsertCounts> {
  return upsertByKey(connection, table, 'action_items', ['source', 'item_id'], ACTION_ITEM_COLUMNS);
}

/**
 * Whether row `a` stores something row `b` doesn't: any column an update rewrites except
 * updated_at (the time Hindsight last rewrote the row, i.e. this import's clock, so it always
 * differs). JSON columns compare as their text, which typing writes deterministically.
 */
function differs(a: string, b: string, columns: readonly string[]): string {
  return `(${columns.filter((column) => column !== 'updated_at').map((column) => `${a}.${column} IS DISTINCT FROM ${b}.${column}`).join(' OR ')})`;
}

/**
 * Inserts new keys and rewrites rows where a stored value changed (`differs`). Table and column
 * names are constants of this module, never input.
 */
async function upsertByKey(
  connection: DuckDBConnection, table: string, into: 'incidents' | 'action_items', key: readonly string[], columns: readonly string[],
): Promise<UpsertCounts> {
  const on = key.map((column) => `i.${column} = n.${column}`).join(' AND ');
  const reader = await connection.runAndReadAll(`
    SELECT CAST(count(*) FILTER (WHERE i.${key[1]} IS NULL) AS INTEGER) AS inserted,
           CAST(count(*) FILTER (WHERE i.${key[1]} IS NOT NULL AND ${differs('i', 'n', columns)}) AS INTEGER) AS updated,
           CAST(count(*) FILTER (WHERE i.${key[1]} IS NOT NULL AND NOT ${differs('i', 'n', columns)}) AS INTEGER) AS unchanged
    FROM ${table} n LEFT JOIN ${into} i ON ${on}`);
  const counts = reader.getRowObjectsJson()[0] as unknown as UpsertCounts;
  if (counts.updated === 0 && counts.unchanged === 0) {
    // Every key is new (each batch of a first sync): a plain insert. ON CONFLICT probes and
    // prepares an update per row, which cost a 1,000-row sync batch several times the insert.
    // The caller's transaction keeps another writer from adding one of these keys meanwhile; if
    // one did, the primary key fails the insert and the whole file rolls back — never a lost row.
    await connection.run(`INSERT INTO ${into} BY NAME SELECT * EXCLUDE (record) FROM ${table}`);
    return counts;
  }
  await connection.run(`
    INSERT INTO ${into} BY NAME SELECT * EXCLUDE (record) FROM ${table}
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET
      ${columns.map((column) => `${column} = excluded.${column}`).join(', ')}
    WHERE ${differs(into, 'excluded', columns)}`);
  return counts;
}

/** What replacing the timelines did: events stored for the file's incidents, incidents whose timeline was rewritten. */
export interface TimelineCounts {
  events: number;
  rewritten: number;
}

const EVENT_COLUMNS = 'source, external_id, occurred_at, kind, ordinal, from_value, to_value, level, actor, body';

/**
 * `table` holds typed events (source, external_id, occurred_at, kind, from_value, to_value,
 * level, actor, body, __order); `storable` is a fixed SQL condition picking the rows that can be
 * stored. Each incident with a storable event gets exactly those events as its timeline, but
 * only an incident whose events differ from the stored ones (as a multiset, ordinals included)
 * is rewritten: re-importing the same timelines writes nothing, so the data version, and with it
 * every cached answer, stays as it was.
 */
export async function replaceTimelines(connection: DuckDBConnection, table: string, storable = 'true'): Promise<TimelineCounts> {
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE __timeline_new AS
    SELECT source, external_id, CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at, kind,
           CAST(row_number() OVER (PARTITION BY source, external_id, occurred_at, kind ORDER BY __order) - 1 AS INTEGER) AS ordinal,
           from_value, to_value, level, actor, body
    FROM ${table}
    WHERE ${storable}`);
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE __timeline_changed AS
    WITH stored AS (
      SELECT ${EVENT_COLUMNS} FROM incident_events e
      WHERE EXISTS (SELECT 1 FROM __timeline_new t WHERE t.source = e.source AND t.external_id = e.external_id)
    ),
    fresh AS (SELECT ${EVENT_COLUMNS} FROM __timeline_new)
    SELECT DISTINCT source, external_id FROM ((FROM fresh EXCEPT ALL FROM stored) UNION ALL (FROM stored EXCEPT ALL FROM fresh))`);
  const changed = 'EXISTS (SELECT 1 FROM __timeline_changed c WHERE c.source = x.source AND c.external_id = x.external_id)';
  await connection.run(`DELETE FROM incident_events x WHERE ${changed}`);
  await connection.run(`INSERT INTO incident_events (${EVENT_COLUMNS}) SELECT ${EVENT_COLUMNS} FROM __timeline_new x WHERE ${changed}`);
  const reader = await connection.runAndReadAll(`
    SELECT CAST((SELECT count(*) FROM __timeline_new) AS INTEGER) AS events, CAST((SELECT count(*) FROM __timeline_changed) AS INTEGER) AS rewritten`);
  // Dropped on success only: after a failure the caller's transaction is aborted, a DROP would
  // fail too and hide the real error, and the rollback takes the temporary tables with it.
  await connection.run('DROP TABLE __timeline_new');
  await connection.run('DROP TABLE __timeline_changed');
  return reader.getRowObjectsJson()[0] as unknown as TimelineCounts;
}
