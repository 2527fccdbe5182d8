/**
 * Reads a generic CSV into a temporary staging table with DuckDB's read_csv: every column as
 * text (typing is the normaliser's job, so a bad date flags one record instead of failing the
 * file), the whole source row kept as JSON in `raw`, and a record number for messages.
 *
 * Hazard: read_csv's dialect sniffing can quietly read a malformed file as one `|`-delimited
 * column, so the dialect is given explicitly (the caller checks the header against its fields).
 * DuckDB's multi-paragraph errors become one sentence naming the file and line.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../../queries/errors.ts';

const CSV_OPTIONS = "header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"'";

export interface StagedFile {
  table: string;
  columns: string[];
  records: number;
}

/** Stages a CSV as text columns named by its header (DuckDB suffixes repeated names: Labels_1). */
export async function stageCsv(connection: DuckDBConnection, file: string, table: string): Promise<StagedFile> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file.`);
  if (!statSync(file).isFile()) throw new InputError(`${file}: not a file.`);
  if (looksBinary(file)) throw new InputError(`${file}: not a CSV file (it holds binary data).`);
  const columns = await describeCsv(connection, file);
  await withCsvErrors(file, () =>
    connection.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS
       SELECT CAST(row_number() OVER () AS INTEGER) AS __record, to_json(t) AS __raw, t.*
       FROM read_csv($1, ${CSV_OPTIONS}) AS t`,
      [file],
    ),
  );
  const reader = await connection.runAndReadAll(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`);
  return { table, columns, records: Number(reader.getRowObjectsJson()[0]?.n ?? 0) };
}

/** A NUL byte in the first 4 KiB means an image, archive or spreadsheet, never a CSV. */
function looksBinary(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const read = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read).includes(0);
  } finally {
    closeSync(fd);
  }
}

async function describeCsv(connection: DuckDBConnection, file: string): Promise<string[]> {
  const reader = await withCsvErrors(file, () =>
    connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv($1, ${CSV_OPTIONS}))`, [file]),
  );
  return reader.getRowObjectsJson().map((row) => String(row.column_name));
}

async function withCsvErrors<T>(file: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw csvError(file, error);
  }
}

/** Turns DuckDB's CSV reader errors into one sentence; anything else is rethrown as it was. */
function csvError(file: string, error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  if (/not utf-8 encoded|Invalid unicode/i.test(message)) {
    return new InputError(`${file}${line ? ` line ${line}` : ''}: not a UTF-8 CSV file.`);
  }
  if (line) {
    const reason = message.split('\n')[1]?.trim() || 'malformed CSV';
    return new InputError(`${file} line ${line}: ${reason}`);
  }
  if (/Error when sniffing file|not possible to automatically detect/i.test(message)) {
    return new InputError(
      `${file}: not a readable CSV file (comma-delimited, double-quoted, with a header row); check for an unterminated quote.`,
    );
  }
  if (/No files found|Cannot open file/i.test(message)) return new InputError(`${file}: cannot open the file.`);
  return error;
}
