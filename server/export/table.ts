/**
 * The export's rows, materialised once into a temp table on the caller's connection, then read
 * back page by page. Why: the server shares one DuckDB connection, so a streaming result would
 * be invalidated by the next request's query; a temp table holds the rows in DuckDB (spilling to
 * disk as needed), and each page is a small materialised result, so JS memory stays flat
 * whatever the row count. Insertion order is the list's ORDER BY, and pages follow rowid.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBMaterializedResult } from '@duckdb/node-api';
import type { CompiledList } from '../../queries/incidents-list.ts';

export const PAGE_ROWS = 20_480;

export interface ExportTable {
  name: string;
  rowCount: number;
  /** Rows [offset, offset + PAGE_ROWS) in list order. */
  page(offset: number): Promise<DuckDBMaterializedResult>;
  /** Every page in order (at least one), yielding to the event loop between pages. */
  pages(): AsyncGenerator<DuckDBMaterializedResult>;
  drop(): Promise<void>;
}

export async function materialise(connection: DuckDBConnection, list: CompiledList): Promise<ExportTable> {
  const name = `export_${randomUUID().replaceAll('-', '')}`;
  await connection.run(`CREATE TEMP TABLE ${name} AS ${list.sql}`, list.params);
  let dropped = false;
  const count = await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${name}`);
  const rowCount = Number(count.getRows()[0]![0] as bigint);
  const page = (offset: number) => connection.run(`SELECT * FROM ${name} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`, [offset, offset + PAGE_ROWS]);
  return {
    name,
    rowCount,
    page,
    async *pages() {
      // At least one page, so an empty export still has its columns (the CSV header).
      let offset = 0;
      do {
        yield await page(offset);
        offset += PAGE_ROWS;
        await new Promise((resolve) => setImmediate(resolve));
      } while (offset < rowCount);
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      await connection.run(`DROP TABLE IF EXISTS ${name}`);
    },
  };
}
