/**
 * DuckDB values → plain JS values for the text and spreadsheet writers, chosen by the
 * column's declared type (never guessed from the value): TIMESTAMPTZ → Date, DATE → Date at
 * UTC midnight, integers and doubles → number, BIGINT → number when exact else string.
 */
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';

export type Cell = string | number | boolean | Date | null;
export type Reader = (value: unknown) => Cell;

export function readerFor(name: string, type: DuckDBType): Reader {
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP:
      // Milliseconds are what Date and spreadsheets hold; incident timestamps carry no finer detail.
      return (v) => (v === null ? null : new Date(Number((v as { micros: bigint }).micros / 1000n)));
    case DuckDBTypeId.DATE:
      return (v) => (v === null ? null : new Date((v as { days: number }).days * 86_400_000));
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      return (v) => (v === null ? null : (v as number));
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
      return (v) => (v === null ? null : Number.isSafeInteger(Number(v)) ? Number(v) : String(v));
    case DuckDBTypeId.BOOLEAN:
      return (v) => (v === null ? null : (v as boolean));
    case DuckDBTypeId.VARCHAR:
      return (v) => (v === null ? null : (v as string));
  }
  throw new Error(`Column "${name}" has DuckDB type ${type.toString()}, which the exporter does not write yet; cast it in SQL or add it to server/export/values.ts.`);
}
