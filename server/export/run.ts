/**
 * Runs an export plan against a database. CSV is written by DuckDB's COPY in chunks of the sort
 * order (csv-copy.ts) that are streamed as they are written; the other formats materialise the
 * rows once on the shared connection (table.ts) and write them as a byte stream read page by
 * page. Either way memory stays flat.
 * `exportBody` is the HTTP body; `exportToFile` writes the same bytes to a file (the CLI).
 * The temp table and temp files are removed when the stream ends, fails or is cancelled by the
 * reader.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../queries/db.ts';
import { ARROW_STREAM_TYPE } from '../../queries/arrow.ts';
import { arrowBytes } from './arrow.ts';
import { BOM, CSV_TYPE } from './csv.ts';
import { csvChunks } from './csv-copy.ts';
import { copyParquet, PARQUET_TYPE } from './parquet.ts';
import type { ExportFormat, ExportPlan } from './request.ts';
import { materialise, type ExportTable } from './table.ts';
import { writeXlsx, XLSX_TYPE } from './xlsx.ts';

export const CONTENT_TYPES = { csv: CSV_TYPE, xlsx: XLSX_TYPE, parquet: PARQUET_TYPE, arrow: ARROW_STREAM_TYPE } as const;

export interface ExportBody {
  rowCount: number;
  contentType: string;
  /** Node stream of the file's bytes; the temp table is dropped when it ends or is destroyed. */
  body: Readable;
}

/** `log`: where an error nobody is left to receive goes (a CSV chunk failing after the reader left). */
export async function exportBody(db: Database, plan: ExportPlan, log?: (message: string) => void): Promise<ExportBody> {
  if (plan.format === 'csv') return csvBody(db, plan, log);
  const { connection } = db;
  const table = await materialise(connection, plan.list);
  try {
    const body = await bytes(connection, table, plan, plan.format);
    return { rowCount: table.rowCount, contentType: CONTENT_TYPES[plan.format], body };
  } catch (error) {
    await table.drop();
    throw error;
  }
}

/** Writes the export to `path`; Parquet goes straight from DuckDB to the file. Returns the row count. */
export async function exportToFile(db: Database, plan: ExportPlan, path: string): Promise<number> {
  if (plan.format === 'parquet') {
    const table = await materialise(db.connection, plan.list);
    try {
      await copyParquet(db.connection, table, path);
      return table.rowCount;
    } finally {
      await table.drop();
    }
  }
  const { rowCount, body } = await exportBody(db, plan);
  await pipeline(body, createWriteStream(path));
  return rowCount;
}

/**
 * The row count and the first chunk are ready before the first byte is sent, so the count goes
 * in a header and a failing query is an HTTP error rather than a cut-off file. The chunk folder
 * is removed after the export's connection is closed (csvChunks' generator ends first).
 */
async function csvBody(db: Database, plan: ExportPlan, log?: (message: string) => void): Promise<ExportBody> {
  const dir = await mkdtemp(join(tmpdir(), 'hindsight-export-'));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  try {
    const { rowCount, bytes } = await csvChunks(db, plan.list, dir, undefined, log);
    const body = Readable.from(droppingAfter(withBom(plan.bom, bytes), [removeDir]));
    return { rowCount, contentType: CSV_TYPE, body };
  } catch (error) {
    await removeDir();
    throw error;
  }
}

async function* withBom(bom: boolean, file: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  if (bom) yield Buffer.from(BOM, 'utf8');
  yield* file;
}

/** The formats read page by page from the temp table (CSV is written by csvBody). */
async function bytes(connection: DuckDBConnection, table: ExportTable, plan: ExportPlan, format: Exclude<ExportFormat, 'csv'>): Promise<Readable> {
  const cleanup: Array<() => Promise<void>> = [() => table.drop()];
  let body: Readable;
  switch (format) {
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

/** Columns holding a duration in seconds (what the XLSX writes with a duration format). */
function secondsColumns(plan: ExportPlan): Set<string> {
  return new Set(plan.valueIsSeconds ? ['value'] : []);
}
