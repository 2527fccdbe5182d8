/**
 * Caps DuckDB's memory while an import runs, so a large file spills to the database's temporary
 * folder (`<db>.tmp`) instead of growing the process: DuckDB's default cap is 80% of the RAM, and
 * its buffer pool keeps every block an import writes cached up to that cap — a 1M-incident import
 * reached 1.8 GB of RSS uncapped and 1.0 GB with a 1 GB cap, no slower (measured).
 *
 * Hazards:
 * - The setting is the whole instance's, not the connection's: while an import runs inside
 *   `hindsight serve`, the dashboard's queries share the lower cap (DuckDB's joins, sorts and
 *   aggregates spill rather than fail). It is restored when the import ends, success or not.
 * - A cap the operator set lower is never raised.
 * - A database in memory has no temporary folder unless one is set, so there the cap can make a
 *   large import fail instead of spill; tests and demos use small files there.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** The cap an import runs under unless the caller chooses another. */
export const IMPORT_MEMORY_LIMIT = '1GiB';

/** Lowers the cap to `limit` when it is higher; returns the function that restores it. */
export async function capMemory(connection: DuckDBConnection, limit: string | null): Promise<() => Promise<void>> {
  if (limit === null) return async () => {};
  const reader = await connection.runAndReadAll("SELECT current_setting('memory_limit') AS current");
  const current = String(reader.getRowObjectsJson()[0]?.current ?? '');
  const wanted = parseBytes(limit);
  if (wanted === null) throw new Error(`Not a memory size: "${limit}" (e.g. 1GiB, 512MB).`);
  const now = parseBytes(current);
  if (now !== null && now <= wanted) return async () => {};
  await connection.run(`SET memory_limit = '${wanted}B'`);
  return async () => {
    await connection.run(`SET memory_limit = '${now === null ? current.replaceAll("'", "''") : `${now}B`}'`);
  };
}

/** `1GiB`, `953.6 MiB`, `512MB`, `2 GB` → bytes; null when unreadable. */
export function parseBytes(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(i?)B\s*$/i.exec(text);
  if (!match) return null;
  const power = ['', 'K', 'M', 'G', 'T'].indexOf(match[2]!.toUpperCase());
  const base = match[3] ? 1024 : 1000;
  return Math.round(Number(match[1]) * base ** power);
}
