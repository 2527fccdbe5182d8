/**
 * RFC 4180 CSV: CRLF line ends, a header row, a field quoted when it holds a comma, quote, CR or
 * LF (quotes doubled). Timestamps are ISO 8601 in UTC (`2026-03-02T10:15:00.000Z`), booleans
 * true/false, durations plain seconds: text that every tool parses the same way.
 */
import type { DuckDBMaterializedResult } from '@duckdb/node-api';
import { readerFor, type Cell, type Reader } from './values.ts';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const BOM = '\uFEFF';

export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(result: DuckDBMaterializedResult): { header: string; readers: Reader[] } {
  const names = result.columnNames();
  const readers = result.columnTypes().map((type, i) => readerFor(names[i]!, type));
  return { header: names.map(csvField).join(',') + '\r\n', readers };
}

/** One page of rows as CSV text. */
export function csvRows(result: DuckDBMaterializedResult, readers: Reader[]): string {
  const lines: string[] = [];
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const columns = readers.map((_, i) => chunk.getColumnVector(i));
    for (let r = 0; r < chunk.rowCount; r++) {
      lines.push(columns.map((vector, i) => csvField(readers[i]!(vector.getItem(r)))).join(','));
    }
  }
  return lines.length ? lines.join('\r\n') + '\r\n' : '';
}
