/**
 * Child process: one import into a fresh DuckDB file, timed from open to close, with the
 * process's peak RSS. `node --import tsx bench/figures/import-once.ts hindsight|bare CSV DB`
 *
 * - hindsight: `importFile` with the generic profile, exactly what `hindsight import` runs
 *   (schema migrations included, since a first import does them too).
 * - bare: `CREATE TABLE AS SELECT * FROM read_csv(...)`, the fastest way DuckDB itself loads
 *   the same file.
 * Closing is inside the timing for both: it is when DuckDB checkpoints the file to disk.
 */
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { importFile } from '../../ingest/import-file.ts';
import { openDatabase } from '../../queries/db.ts';
import { BENCH_SOURCE } from '../fixtures.ts';

const [mode, csv, dbPath] = process.argv.slice(2);
if ((mode !== 'hindsight' && mode !== 'bare') || !csv || !dbPath) {
  throw new Error('usage: import-once.ts hindsight|bare CSV DB');
}

// What the process holds before the import (Node, tsx, DuckDB's library), so the report can
// tell the import's own memory from the runtime's.
const baseRssMiB = process.memoryUsage().rss / 2 ** 20;
const start = performance.now();
let rows = 0;
if (mode === 'hindsight') {
  const db = await openDatabase(dbPath);
  const summary = await importFile(db.connection, { file: csv, profile: 'generic', source: BENCH_SOURCE });
  rows = summary.inserted + summary.updated + summary.unchanged;
  db.close();
} else {
  const instance = await DuckDBInstance.create(dbPath);
  const connection = await instance.connect();
  await connection.run('CREATE TABLE bare AS SELECT * FROM read_csv($1)', [csv]);
  connection.closeSync();
  instance.closeSync();
}
const ms = performance.now() - start;
if (mode === 'bare') rows = await countBareRows(); // after the timing: not part of loading
// resourceUsage().maxRSS is in KiB on Linux: the high-water mark of this whole process.
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ms, rows, peakRssMiB, baseRssMiB }));

async function countBareRows(): Promise<number> {
  const instance = await DuckDBInstance.create(dbPath!);
  const connection = await instance.connect();
  const n = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM bare')).getRowObjectsJson()[0]?.n);
  connection.closeSync();
  instance.closeSync();
  return n;
}
