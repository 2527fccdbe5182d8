/**
 * The numbers a count or share comparison reads, per window and dimension value, through the
 * compiled catalog (runMetrics — the very statement GET /api/metrics runs), so a comparison can
 * never count differently from the tile beside it: a count metric's `<id>`, a share's hits
 * `<id>_count` and denominator `<id>_n`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import type { MetricRequest } from '../request.ts';
import { runMetrics } from '../run.ts';
import type { Key } from './keys.ts';
import type { Window, Windows } from './periods.ts';

export interface Tally {
  /** Count metrics: the count. Shares: the hits. */
  hits: number;
  /** Shares: the denominator. Count metrics: the count again. */
  n: number;
}

export interface Paired {
  key: Key;
  current: Tally;
  previous: Tally;
}

async function windowTallies(connection: DuckDBConnection, request: MetricRequest, id: string, window: Window, by: string[], context: CompileContext) {
  const result = await runMetrics(connection, { ...request, metrics: [id], by, grain: null, from: window.from, to: window.to }, context);
  const tallies = new Map<string, { key: Key; tally: Tally }>();
  for (const row of result.rows) {
    const key: Key = Object.fromEntries(by.map((dim) => [dim, row[dim] === null || row[dim] === undefined ? null : String(row[dim])]));
    const count = row[id] ?? row[`${id}_count`];
    const n = row[`${id}_n`];
    if (typeof count !== 'number' || typeof n !== 'number') throw new Error(`runMetrics answered ${id} without its count and n (columns ${Object.keys(row).join(', ')}).`);
    tallies.set(JSON.stringify(key), { key, tally: { hits: count, n } });
  }
  return tallies;
}

/** Both windows' tallies by `by`, one entry per key seen in either window (zero where absent). */
export async function pairedTallies(connection: DuckDBConnection, request: MetricRequest, id: string, windows: Windows, by: string[], context: CompileContext): Promise<Paired[]> {
  const now = await windowTallies(connection, request, id, windows.current, by, context);
  const before = await windowTallies(connection, request, id, windows.previous, by, context);
  const zero: Tally = { hits: 0, n: 0 };
  const keys = new Map([...now, ...before].map(([id, { key }]) => [id, key]));
  return [...keys].map(([id, key]) => ({ key, current: now.get(id)?.tally ?? zero, previous: before.get(id)?.tally ?? zero }));
}
