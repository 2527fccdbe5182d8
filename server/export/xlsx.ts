/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (written to the zip)
 * as soon as it is added, so the workbook never sits in memory. Timestamps are real date cells
 * (Excel has no time zone: the wall time shown is UTC, and the header says so); durations are
 * numbers of days with an `[h]:mm:ss` format, so they sum and sort as durations, never text.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { DuckDBTypeId } from '@duckdb/node-api';
import type { ExportTable } from './table.ts';
import { readerFor, type Reader } from './values.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const DURATION_FORMAT = '[h]:mm:ss';

/** Writes the table as one sheet into `out`; resolves when the zip is finished. */
export async function writeXlsx(table: ExportTable, secondsColumns: ReadonlySet<string>, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Incidents');
  let columns: Array<{ read: Reader; seconds: boolean; date: boolean }> | null = null;
  for await (const page of table.pages()) {
    if (!columns) {
      const names = page.columnNames();
      const types = page.columnTypes();
      columns = types.map((type, i) => {
        const name = names[i]!;
        const date = type.typeId === DuckDBTypeId.TIMESTAMP_TZ || type.typeId === DuckDBTypeId.TIMESTAMP;
        return { read: readerFor(name, type), seconds: secondsColumns.has(name), date };
      });
      const header = names.map((name, i) => (columns![i]!.date ? `${name} (UTC)` : columns![i]!.seconds ? `${name} (duration)` : name));
      sheet.addRow(header).commit();
    }
    for (let c = 0; c < page.chunkCount; c++) {
      const chunk = page.getChunk(c);
      const vectors = columns.map((_, i) => chunk.getColumnVector(i));
      for (let r = 0; r < chunk.rowCount; r++) {
        const row = sheet.addRow(columns.map(({ read, seconds }, i) => {
          const value = read(vectors[i]!.getItem(r));
          return seconds && typeof value === 'number' ? value / 86_400 : value;
        }));
        columns.forEach(({ seconds, date }, i) => {
          if (seconds) row.getCell(i + 1).numFmt = DURATION_FORMAT;
          else if (date) row.getCell(i + 1).numFmt = DATE_FORMAT;
        });
        row.commit();
      }
    }
    // Backpressure: let the zip drain to the reader before the next page is added.
    if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
  }
  sheet.commit();
  await workbook.commit();
}
