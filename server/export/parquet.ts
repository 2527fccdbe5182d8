/**
 * Parquet by DuckDB's own writer: COPY of the materialised temp table (COPY takes no bound
 * parameters, and the rows are already bound and materialised there) to a file, with types kept
 * (TIMESTAMPTZ stays a UTC-adjusted timestamp). Only the server-made path is spliced, quoted.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ExportTable } from './table.ts';

export const PARQUET_TYPE = 'application/vnd.apache.parquet';

export async function copyParquet(connection: DuckDBConnection, table: ExportTable, path: string): Promise<void> {
  await connection.run(`COPY (SELECT * FROM ${table.name} ORDER BY rowid) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
}
