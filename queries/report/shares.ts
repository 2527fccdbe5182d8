/**
 * Where incidents come from: counts by a dimension in the period and the previous one, as
 * shares (severity mix) or as a Pareto list (services, root causes) whose running share shows
 * the few values behind most incidents. Counts are the catalog's `count` by the dimension.
 */
import type { Window } from '../compare/periods.ts';
import type { MetricRequest } from '../request.ts';
import { windowRows } from './changes.ts';
import type { ReportReader } from './reader.ts';
import type { ParetoRow, ShareRow } from './types.ts';

/** Pareto lists stop after this many values or once the running share passes PARETO_SHARE. */
export const PARETO_LIMIT = 10;
export const PARETO_SHARE = 0.8;

export async function shareRows(reader: ReportReader, scope: MetricRequest, windows: { current: Window; previous: Window }, dimension: string): Promise<ShareRow[]> {
  const countsOf = async (window: Window) => {
    const rows = await windowRows(reader, scope, window, ['count'], [dimension]);
    return new Map(rows.map((row) => [row[dimension] === null || row[dimension] === undefined ? null : String(row[dimension]), Number(row.count ?? 0)]));
  };
  const [now, before] = await Promise.all([countsOf(windows.current), countsOf(windows.previous)]);
  const total = [...now.values()].reduce((a, b) => a + b, 0);
  const totalBefore = [...before.values()].reduce((a, b) => a + b, 0);
  // Every value seen in either period, in the dimension's own order (severity by rank) as the compiler returns it.
  const values = [...new Set([...now.keys(), ...before.keys()])];
  return values
    .map((value) => ({ value, count: now.get(value) ?? 0, previous: before.get(value) ?? 0 }))
    .filter((row) => row.count > 0 || row.previous > 0)
    .map((row) => ({ ...row, share: total ? row.count / total : null, previous_share: totalBefore ? row.previous / totalBefore : null }));
}

/** The largest values first, until PARETO_LIMIT rows or PARETO_SHARE of the period's incidents; `others` counts the rest. */
export function pareto(rows: ShareRow[]): { rows: ParetoRow[]; others: number } {
  const sorted = [...rows].sort((a, b) => b.count - a.count || b.previous - a.previous || String(a.value).localeCompare(String(b.value)));
  const total = sorted.reduce((sum, row) => sum + row.count, 0);
  const out: ParetoRow[] = [];
  let running = 0;
  for (const row of sorted) {
    if (out.length >= PARETO_LIMIT || (total > 0 && running / total >= PARETO_SHARE) || row.count === 0) break;
    running += row.count;
    out.push({ ...row, cumulative: total ? running / total : null });
  }
  return { rows: out, others: total - running };
}
