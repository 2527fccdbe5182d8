/**
 * Loads a Scheme into two temporary lookup tables the typing step joins against, through the
 * appender (values are data, never SQL text). Column names carry a `__` prefix so they cannot
 * collide with a staged file's own columns in the join.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scheme } from './scheme.ts';

export const SEVERITY_MAP = 'hs_severity_map';
export const STATUS_MAP = 'hs_status_map';

export async function loadSchemeTables(connection: DuckDBConnection, scheme: Scheme): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${SEVERITY_MAP} (__sev_value VARCHAR PRIMARY KEY, __sev_rank INTEGER NOT NULL)`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${STATUS_MAP} (__status_value VARCHAR PRIMARY KEY, __status_canonical VARCHAR NOT NULL)`);
  const severity = await connection.createAppender(SEVERITY_MAP, 'main', 'temp');
  for (const [value, rank] of Object.entries(scheme.severity)) {
    severity.appendVarchar(value);
    severity.appendInteger(rank);
    severity.endRow();
  }
  severity.closeSync();
  const status = await connection.createAppender(STATUS_MAP, 'main', 'temp');
  for (const [value, canonical] of Object.entries(scheme.status)) {
    status.appendVarchar(value);
    status.appendVarchar(canonical);
    status.endRow();
  }
  status.closeSync();
}

export async function dropSchemeTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${SEVERITY_MAP}`);
  await connection.run(`DROP TABLE IF EXISTS ${STATUS_MAP}`);
}
