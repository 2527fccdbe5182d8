/**
 * CSV by DuckDB's own writer: `COPY (query) TO file`, formatted in SQL the way Hindsight writes
 * CSV (csv.ts: ISO 8601 UTC timestamps with milliseconds, true/false, plain numbers, CRLF, RFC
 * 4180 quoting). Why not page by page in JS: turning every cell into a JS value and back into
 * text ran at ~12 MB/s and held a temp table of the whole export in memory.
 *
 * Why in chunks: one sorted COPY of a million incidents holds the whole export in DuckDB's sort
 * buffers (~400 MiB). Instead the rows are cut into ranges of the sort column (boundaries from
 * quantile_disc, so ties never straddle two chunks), each chunk is sorted and written on its own,
 * and the chunk files are streamed in order — ranges in ascending or descending order, then the
 * NULLs (NULLS LAST). Memory is one chunk's sort, the first bytes go out after the first chunk,
 * and the next chunk is written while the current one streams.
 *
 * Hazard: each chunk is its own statement, so a sync writing between two of them could move an
 * incident from one chunk to another (sent twice or never). The export therefore runs on its own
 * connection inside one transaction: every chunk reads the same snapshot.
 *
 * The list's values stay bound parameters (COPY takes them), as do the chunk boundaries; only
 * column names read back from DuckDB and server-made file paths are spliced, quoted.
 * An empty string is written `""` and NULL as nothing, so the two stay distinguishable.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBTypeId, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../../queries/db.ts';
import { listOrder, type CompiledList } from '../../queries/incidents-list.ts';

/**
 * Rows per chunk: a sort of this many rows stays in the tens of MiB. Measured at 1M incidents
 * (2 cores, quiet): 50,000 a chunk wrote the file in ~3.4 s with 10–60 MiB of RSS growth;
 * 100,000 took ~3.7 s with ~100 MiB (smaller sorts fit the caches better).
 */
export const CHUNK_ROWS = 50_000;
/** Boundaries are picked from this many quantiles, which caps the number of chunks (12.8M rows at 50,000 a chunk). */
const QUANTILES = 256;

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quotePath = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** The SQL that writes column `name` of alias `l` as Hindsight's CSV does, named `name` again. */
function formatted(name: string, type: DuckDBType): string {
  const col = `l.${quoteName(name)}`;
  const as = ` AS ${quoteName(name)}`;
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP_TZ:
      // The stored UTC instant as a plain timestamp by arithmetic: `AT TIME ZONE 'UTC'` goes
      // through ICU for every value and cost about twice as much. Truncated to milliseconds
      // (%g): what a JS Date or a spreadsheet holds.
      return `strftime(make_timestamp(epoch_us(${col})), '%Y-%m-%dT%H:%M:%S.%gZ')${as}`;
    case DuckDBTypeId.TIMESTAMP:
      return `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ')${as}`;
    case DuckDBTypeId.DATE:
      return `strftime(${col}, '%Y-%m-%d') || 'T00:00:00.000Z'${as}`;
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      // DuckDB writes a whole double as `3600.0`; people and spreadsheets write `3600`.
      return `CASE WHEN ${col} = trunc(${col}) AND abs(${col}) < 1e15 THEN CAST(CAST(${col} AS BIGINT) AS VARCHAR) ELSE CAST(${col} AS VARCHAR) END${as}`;
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.VARCHAR:
      return `${col}${as}`;
  }
  throw new Error(`Column "${name}" has DuckDB type ${type.toString()}, which the CSV exporter does not write yet; cast it in SQL or add it to server/export/csv-copy.ts.`);
}

interface Chunk {
  /** SQL condition on `l`, '' for every row. */
  where: string;
  params: DuckDBValue[];
}

export interface CsvChunks {
  rowCount: number;
  /** The file's bytes (no BOM), chunk by chunk; closes the export's connection when done or abandoned. */
  bytes: AsyncGenerator<Buffer>;
}

/**
 * Starts the export: counts the rows, plans the chunks and writes the first one before
 * returning, so a failing query is an error the caller can report rather than a cut-off file.
 * `dir` is a fresh folder the caller removes afterwards; `chunkRows` is for tests.
 */
/**
 * `reportLate`: receives the error of a chunk that failed after the reader had gone (nobody is
 * left to throw it to), so it reaches the server's log instead of vanishing.
 */
export async function csvChunks(db: Database, list: CompiledList, dir: string, chunkRows = CHUNK_ROWS,
  reportLate: (message: string) => void = (message) => console.error(message)): Promise<CsvChunks> {
  const parts = list.parts;
  if (!parts) throw new Error("The CSV export needs the list's parts (compileIncidentList sets them).");
  // Chunks each take a LIMIT, so a limited list would come out too long: exports list everything.
  if (parts.limit) throw new Error('The CSV export writes a whole population; it takes no row limit.');
  const connection = await db.connect();
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    try {
      await connection.run('ROLLBACK'); // read only: nothing to keep
    } finally {
      db.release(connection);
    }
  };
  try {
    await connection.run('BEGIN TRANSACTION');
    const sortColumn = `l.${quoteName(parts.sort.column)}`;
    // Declared types from an empty run with the parameters bound (a prepared statement alone
    // leaves a parameter-dependent column's type unresolved).
    const shape = await connection.run(`SELECT * FROM (${parts.select}) AS l LIMIT 0`, list.params);
    const names = shape.columnNames();
    const columns = shape.columnTypes().map((type, i) => formatted(names[i]!, type)).join(', ');
    const quantiles = Array.from({ length: QUANTILES - 1 }, (_, i) => (i + 1) / QUANTILES);
    const plan = await connection.runAndReadAll(
      `SELECT count(*)::BIGINT AS n, quantile_disc(${sortColumn}, [${quantiles.join(', ')}]) AS bounds FROM (${parts.select}) AS l`, list.params);
    const [n, bounds] = plan.getRows()[0]! as [bigint, { items: DuckDBValue[] } | null];
    const rowCount = Number(n);
    const chunks = planChunks(sortColumn, parts.sort.dir, Math.ceil(rowCount / chunkRows), bounds?.items ?? [], list.params.length);
    const write = async (index: number): Promise<{ file: string; rows: number }> => {
      const chunk = chunks[index]!;
      const file = join(dir, `part-${index}.csv`);
      const sql = `COPY (SELECT ${columns} FROM (${parts.select}) AS l${chunk.where ? ` WHERE ${chunk.where}` : ''}
ORDER BY ${listOrder(parts.sort, 'l.')})
TO ${quotePath(file)} (FORMAT csv, HEADER ${index === 0}, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE '\\r\\n')`;
      const result = await connection.runAndReadAll(sql, [...list.params, ...chunk.params]);
      return { file, rows: Number(result.getRows()[0]![0] as bigint | number) };
    };
    const first = await write(0);
    return { rowCount, bytes: stream(chunks.length, first, write, rowCount, close, reportLate) };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The chunks in output order. One chunk when the rows fit; otherwise ranges between distinct
 * boundaries (each range [lo, hi)), reversed for a descending sort, then the NULLs.
 */
function planChunks(column: string, dir: 'ASC' | 'DESC', wantedChunks: number, quantiles: DuckDBValue[], listParams: number): Chunk[] {
  const wanted = Math.min(QUANTILES, wantedChunks);
  if (wanted <= 1 || quantiles.length === 0) return [{ where: '', params: [] }];
  const step = QUANTILES / wanted;
  const bounds: DuckDBValue[] = [];
  for (let k = 1; k < wanted; k++) {
    const value = quantiles[Math.round(k * step) - 1]!;
    // Equal neighbours (a skewed column) would make an empty range.
    if (bounds.length === 0 || String(bounds[bounds.length - 1]) !== String(value)) bounds.push(value);
  }
  const ranges: Chunk[] = [];
  for (let k = 0; k <= bounds.length; k++) {
    const where: string[] = [];
    const params: DuckDBValue[] = [];
    // Placeholders number on from the list's own parameters.
    const bind = (value: DuckDBValue) => `$${listParams + params.push(value)}`;
    if (k > 0) where.push(`${column} >= ${bind(bounds[k - 1]!)}`);
    if (k < bounds.length) where.push(`${column} < ${bind(bounds[k]!)}`);
    ranges.push({ where: where.join(' AND '), params });
  }
  if (dir === 'DESC') ranges.reverse();
  return [...ranges, { where: `${column} IS NULL`, params: [] }];
}

async function* stream(
  count: number,
  first: { file: string; rows: number },
  write: (index: number) => Promise<{ file: string; rows: number }>,
  rowCount: number,
  close: () => Promise<void>,
  reportLate: (message: string) => void,
): AsyncGenerator<Buffer> {
  let pending: Promise<{ file: string; rows: number }> | null = null;
  try {
    let current = first;
    let written = first.rows;
    for (let index = 1; ; index++) {
      // The next chunk is written by DuckDB while this one is read from disk.
      pending = index < count ? write(index) : null;
      for await (const bytes of createReadStream(current.file)) yield bytes as Buffer;
      await rm(current.file, { force: true });
      if (!pending) break;
      current = await pending;
      pending = null;
      written += current.rows;
    }
    // Same snapshot throughout, so this only fails on a planning bug; a short file must not pass.
    if (written !== rowCount) throw new Error(`The CSV export wrote ${written} rows but counted ${rowCount}; the file is incomplete.`);
  } finally {
    // A reader that stops early leaves a chunk being written: wait for it before the transaction
    // and connection close under it. Its error has no reader left to reach, so it is logged.
    if (pending) {
      await pending.catch((error: unknown) => {
        reportLate(`A CSV export stopped by its reader: the chunk being written failed too: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    await close();
  }
}
