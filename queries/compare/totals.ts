/**
 * The numbers a count or share comparison reads, per window and dimension value, through the
 * compiled catalog (runMetrics — the very statement GET /api/metrics runs), so a comparison can
 * never count differently from the tile beside it: a count metric's `<id>`, a share's hits
 * `<id>_count` and denominator `<id>_n`. All count and share metrics of one entity share one
 * statement per window (and per breakdown), as the tiles do, rather than one each.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompileContext } from '../compile/context.ts';
import { findMetric } from '../metrics/catalog.ts';
import type { MetricRequest } from '../request.ts';
import { runMetrics, type MetricRow } from '../run.ts';
import type { Key } from './keys.ts';
import type { Window } from './periods.ts';
import type { CompareRequest } from './request.ts';

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

export interface Tallies {
  /** By the request's dimension (one entry without one). */
  rows: Paired[];
  /** `around` only: by severity. */
  strata: Paired[] | null;
}

/**
 * The rows runMetrics answers for a request. A caller that already ran the compiled statement
 * for the same scope, window and breakdown (the report, for the numbers it shows beside the
 * verdict) passes a reader that answers from those rows instead of running it again.
 */
export type MetricRowsReader = (request: MetricRequest) => Promise<MetricRow[]>;

/** Per metric id, its tallies in both windows. */
export async function tallyMetrics(connection: DuckDBConnection, compare: CompareRequest, ids: string[], context: CompileContext, read?: MetricRowsReader): Promise<Map<string, Tallies>> {
  const reader: MetricRowsReader = read ?? (async (request) => (await runMetrics(connection, request, context)).rows);
  const byEntity = new Map<string, string[]>();
  for (const id of ids) {
    const entity = findMetric(id)?.entity ?? 'incidents';
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), id]);
  }
  const out = new Map<string, Tallies>();
  for (const group of byEntity.values()) {
    const rows = await paired(reader, compare, group, compare.request.by);
    const strata = compare.mode === 'around' ? await paired(reader, compare, group, ['severity']) : null;
    for (const id of group) out.set(id, { rows: rows.get(id)!, strata: strata?.get(id) ?? null });
  }
  return out;
}

async function windowTallies(read: MetricRowsReader, request: MetricRequest, ids: string[], window: Window, by: string[]) {
  const rows = await read({ ...request, metrics: ids, by, grain: null, from: window.from, to: window.to });
  const tallies = new Map<string, Map<string, { key: Key; tally: Tally }>>(ids.map((id) => [id, new Map()]));
  for (const row of rows) {
    const key: Key = Object.fromEntries(by.map((dim) => [dim, row[dim] === null || row[dim] === undefined ? null : String(row[dim])]));
    for (const id of ids) {
      const count = row[id] ?? row[`${id}_count`];
      const n = row[`${id}_n`];
      if (typeof count !== 'number' || typeof n !== 'number') throw new Error(`runMetrics answered ${id} without its count and n (columns ${Object.keys(row).join(', ')}).`);
      tallies.get(id)!.set(JSON.stringify(key), { key, tally: { hits: count, n } });
    }
  }
  return tallies;
}

/** Both windows' tallies by `by`, one entry per key seen in either window (zero where absent). */
async function paired(read: MetricRowsReader, compare: CompareRequest, ids: string[], by: string[]): Promise<Map<string, Paired[]>> {
  const now = await windowTallies(read, compare.request, ids, compare.windows.current, by);
  const before = await windowTallies(read, compare.request, ids, compare.windows.previous, by);
  const zero: Tally = { hits: 0, n: 0 };
  return new Map(ids.map((id) => {
    const a = now.get(id)!;
    const b = before.get(id)!;
    const keys = new Map([...a, ...b].map(([k, { key }]) => [k, key]));
    return [id, [...keys].map(([k, key]) => ({ key, current: a.get(k)?.tally ?? zero, previous: b.get(k)?.tally ?? zero }))];
  }));
}
