/**
 * Runs an export plan against a connection: the rows are materialised once (table.ts), then
 * written in the plan's format as a byte stream read page by page, so memory stays flat.
 * `exportBody` is the HTTP body; `exportToFile` writes the same bytes to a file (the CLI).
 * The temp table (and Parquet's temp file) are removed when the stream ends, fails or is
 * cancelled by the reader.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ARROW_STREAM_TYPE } from '../../queries/arrow.ts';
import { arrowBytes } from './arrow.ts';
import { BOM, CSV_TYPE, csvHeader, csvRows } from './csv.ts';
import { copyParquet, PARQUET_TYPE } from './parquet.ts';
import type { ExportPlan } from './request.ts';
import { materialise, type ExportTable } from './table.ts';
import { writeXlsx, XLSX_TYPE } from './xlsx.ts';

export const CONTENT_TYPES = { csv: CSV_TYPE, xlsx: XLSX_TYPE, parquet: PARQUET_TYPE, arrow: ARROW_STREAM_TYPE } as const;

export interface ExportBody {
  rowCount: number;
  contentType: string;
  /** Node stream of the file's bytes; the temp table is dropped when it ends or is destroyed. */
  body: Readable;
}

export async function exportBody(connection: DuckDBConnection, plan: ExportPlan): Promise<ExportBody> {
  const table = await materialise(connection, plan.list);
  try {
    const body = await bytes(connection, table, plan);
    return { rowCount: table.rowCount, contentType: CONTENT_TYPES[plan.format], body };
  } catch (error) {
    await table.drop();
    throw error;
  }
}

/** Writes the export to `path`; Parquet goes straight from DuckDB to the file. Returns the row count. */
export async function exportToFile(connection: DuckDBConnection, plan: ExportPlan, path: string): Promise<number> {
  if (plan.format === 'parquet') {
    const table = await materialise(connection, plan.list);
    try {
      await copyParquet(connection, table, path);
      return table.rowCount;
    } finally {
      await table.drop();
    }
  }
  const { rowCount, body } = await exportBody(connection, plan);
  await pipeline(body, createWriteStream(path));
  return rowCount;
}

async function bytes(connection: DuckDBConnection, table: ExportTable, plan: ExportPlan): Promise<Readable> {
  const cleanup: Array<() => Promise<void>> = [() => table.drop()];
  let body: Readable;
  switch (plan.format) {
    case 'csv':
      body = Readable.from(csvText(table, plan.bom));
      break;
    case 'arrow':
      body = Readable.from(arrowBytes(table));
      break;
    case 'xlsx': {
      const out = new PassThrough();
      writeXlsx(table, secondsColumns(plan), out).then(() => out.end(), (error: unknown) => out.destroy(error as Error));
      body = out;
      break;
    }
    case 'parquet': {
      // DuckDB writes a file, not a stream: a temp file read back from disk, deleted after.
      const dir = await mkdtemp(join(tmpdir(), 'hindsight-export-'));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      const file = join(dir, 'export.parquet');
      await copyParquet(connection, table, file);
      await table.drop();
      body = createReadStream(file);
      break;
    }
  }
  return Readable.from(droppingAfter(body, cleanup));
}

/**
 * The body's bytes, then the cleanup (temp table, temp file) before the stream ends — or, when
 * the reader stops early, before it closes (Readable.from awaits the generator's return). So
 * whoever waits for the stream (a file writer, the server's in-flight count before DuckDB is
 * closed) also waits for the DROP: a cleanup still running when the database closes would abort
 * the process. A cleanup failure fails the stream instead of being logged and lost.
 */
async function* droppingAfter(body: AsyncIterable<Buffer | string>, cleanup: Array<() => Promise<void>>): AsyncGenerator<Buffer | string> {
  try {
    for await (const chunk of body) yield chunk;
  } finally {
    await Promise.all(cleanup.map((step) => step()));
  }
}

async function* csvText(table: ExportTable, bom: boolean): AsyncGenerator<Buffer> {
  let readers: ReturnType<typeof csvHeader>['readers'] | null = null;
  for await (const page of table.pages()) {
    let text = '';
    if (!readers) {
      const head = csvHeader(page);
      readers = head.readers;
      text = (bom ? BOM : '') + head.header;
    }
    text += csvRows(page, readers);
    yield Buffer.from(text, 'utf8');
  }
}

/** Columns holding a duration in seconds (what the XLSX writes with a duration format). */
function secondsColumns(plan: ExportPlan): Set<string> {
  return new Set(plan.valueIsSeconds ? ['value'] : []);
}
