/**
 * The header of a Jira CSV as Jira wrote it. Jira repeats a header once per value of a
 * multi-value field (`Labels,Labels,Labels`); DuckDB's read_csv renames repeats (`Labels_1`,
 * `Labels_2`, and a real `Labels_1` column then becomes `Labels_1_1`), so the original names
 * can't be recovered from DuckDB's names. They are read positionally from the first row
 * instead, with the same dialect, and each original name gets the DuckDB columns that hold it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../../queries/errors.ts';

/** One original header and the staged columns (DuckDB names, file order) that carry it. */
export interface ColumnGroup {
  header: string;
  columns: string[];
}

const HEADER_OPTIONS = "header = false, all_varchar = true, delim = ',', quote = '\"', escape = '\"'";

export async function readColumnGroups(connection: DuckDBConnection, file: string, stagedColumns: readonly string[]): Promise<ColumnGroup[]> {
  const reader = await connection.runAndReadAll(`SELECT * FROM read_csv($1, ${HEADER_OPTIONS}) LIMIT 1`, [file]);
  const headers = (reader.getRows()[0] ?? []).map((value) => (value === null ? '' : String(value).trim()));
  if (headers.length !== stagedColumns.length) {
    throw new InputError(`${file}: the header row has ${headers.length} names but the rows have ${stagedColumns.length} columns.`);
  }
  return groupColumns(headers, stagedColumns);
}

/** Pure: original header names (file order) + DuckDB's names at the same positions → groups. */
export function groupColumns(headers: readonly string[], stagedColumns: readonly string[]): ColumnGroup[] {
  const groups = new Map<string, ColumnGroup>();
  headers.forEach((header, index) => {
    const column = stagedColumns[index] as string;
    const group = groups.get(header);
    if (group) group.columns.push(column);
    else groups.set(header, { header, columns: [column] });
  });
  return [...groups.values()];
}
