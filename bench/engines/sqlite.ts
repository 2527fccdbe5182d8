/**
 * SQLite through better-sqlite3@12 (13 needs Node 22). Loaded the way SQLite loads fastest
 * from JS: one transaction, one prepared INSERT, rows streamed from the CSV. Timestamps are
 * stored as INTEGER Unix seconds (SQLite has no timestamp type; integers make the durations
 * plain subtractions, which favours SQLite over parsing ISO text in every query).
 * Percentiles use SQLite's built-in percentile_cont (compiled in: SQLITE_ENABLE_PERCENTILE),
 * linear interpolation like DuckDB's quantile_cont; ln/exp from SQLITE_ENABLE_MATH_FUNCTIONS.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { Row } from '../overview.ts';
import { columnIndex, epochSeconds, readCsv } from './csv-records.ts';
import type { Engine } from './engine.ts';

const TEXT = ['external_id', 'title', 'service', 'team', 'severity', 'priority', 'status', 'assignee', 'root_cause', 'postmortem_url', 'url'] as const;
const TIME = ['opened_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'closed_at', 'postmortem_done_at'] as const;
const INT = ['reopen_count', 'escalation_count', 'reassignment_count', 'customer_impact_minutes'] as const;
const COLUMNS = [...TEXT, ...TIME, ...INT, 'is_drill'] as const;

const aggregates = (metric: string, end: string) => {
  const d = `${end} - opened_at`;
  const where = `FILTER (WHERE ${end} >= opened_at)`; // false when either is NULL
  return [
    `percentile_cont(${d}, 0.5) ${where} AS ${metric}_median`,
    `percentile_cont(${d}, 0.9) ${where} AS ${metric}_p90`,
    `percentile_cont(${d}, 0.95) ${where} AS ${metric}_p95`,
    `avg(${d}) ${where} AS ${metric}_mean`,
    `exp(avg(ln(CASE WHEN ${d} > 0 THEN ${d} END)) ${where}) AS ${metric}_geomean`,
    `count(*) ${where} AS ${metric}_n`,
  ].join(',\n  ');
};

const TILES = `SELECT ${aggregates('mtta', 'acknowledged_at')},\n  ${aggregates('mttr', 'resolved_at')},\n  count(*) AS count
FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill`;
const TREND = `SELECT strftime('%Y-%m-01', opened_at, 'unixepoch') AS period, severity,\n  ${aggregates('mttr', 'resolved_at')}
FROM incidents WHERE opened_at IS NOT NULL AND NOT is_drill
GROUP BY 1, 2 ORDER BY 1, 2`;

/** `file` is created afresh and deleted on close (a 1M-row table is ~300 MB of disk). */
export async function sqliteEngine(csv: string, file: string): Promise<Engine> {
  const remove = () => ['', '-journal', '-wal', '-shm'].forEach((suffix) => rmSync(`${file}${suffix}`, { force: true }));
  remove();
  const db = new Database(file);
  // Load-time settings (the load is not what is timed); a 1 GiB page cache keeps the table in
  // memory for the queries, as DuckDB's buffer pool does.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.exec(`CREATE TABLE incidents (${[
    ...TEXT.map((c) => `${c} TEXT`), ...TIME.map((c) => `${c} INTEGER`), ...INT.map((c) => `${c} INTEGER`), 'is_drill INTEGER NOT NULL',
  ].join(', ')})`);
  const insert = db.prepare(`INSERT INTO incidents (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const start = performance.now();
  let at: Record<(typeof COLUMNS)[number], number> | undefined;
  db.exec('BEGIN');
  try {
    await readCsv(csv, (fields, header) => {
      const i = (at ??= columnIndex(header, COLUMNS));
      const f = (c: (typeof COLUMNS)[number]) => fields[i[c]]!;
      insert.run(
        ...TEXT.map((c) => f(c) || null),
        ...TIME.map((c) => epochSeconds(f(c))),
        ...INT.map((c) => (f(c) === '' ? null : Number(f(c)))),
        f('is_drill') === 'true' ? 1 : 0,
      );
    });
    db.exec('COMMIT');
  } catch (error) {
    // SQLite rolls back by itself on some errors (a disk I/O error, a full disk): a second
    // ROLLBACK would throw "no transaction is active" and hide the error that matters.
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    remove();
    throw error;
  }
  db.exec('ANALYZE');
  const loadMs = performance.now() - start;
  const tiles = db.prepare(TILES);
  const trend = db.prepare(TREND);
  const version = String((db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v);
  return {
    label: 'SQLite (better-sqlite3)',
    version,
    loadMs,
    async overview() {
      return { tiles: (tiles.get() as Row | undefined) ?? {}, trend: trend.all() as Row[] };
    },
    close: async () => {
      db.close();
      remove();
    },
  };
}
