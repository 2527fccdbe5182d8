/**
 * "The overview set" of issue 4: what the dashboard's Overview asks the engine for on one load,
 * and the one shape both ways of computing it are brought to before their numbers are compared.
 *   - every KPI tile (web/src/features/overview/kpis.ts, so the set follows the dashboard) for
 *     the current window and for the previous one;
 *   - every tile's comparison with the previous window: the verdict, p-value and both n
 *     (GET /api/compare: Mann–Whitney for durations, Poisson counts, two proportions);
 *   - monthly trends of MTTA, MTTR and the incident count by severity, over all the data.
 * Windows come from the data: the calendar month of the newest incident against the month
 * before, with "now" pinned to the end of that month, so every run measures the same question.
 * Semantics both sides implement (the catalog's defaults): UTC; drills and announced maintenance
 * excluded; cohort = opened in the window; a duration counts when both instants exist and
 * end ≥ start; percentiles interpolate (type 7); review coverage over resolved SEV1–2 at least
 * 7 days before now, done within 7 days.
 */
import type { Database } from '../queries/db.ts';
import { addMonths, type Window } from '../queries/compare/periods.ts';
import { KPI_METRICS } from '../web/src/features/overview/kpis.ts';

export const TILE_METRICS: readonly string[] = KPI_METRICS;
export const TREND_METRICS = ['mtta', 'mttr', 'count'] as const;
const DURATIONS = ['mtta', 'mttr'];
const RATES = TILE_METRICS.filter((id) => !DURATIONS.includes(id) && id !== 'count');
const AGGREGATES = ['median', 'p90', 'p95', 'mean', 'geomean', 'n'];
const durationColumns = (id: string) => AGGREGATES.map((a) => `${id}_${a}`);

/** Compared tile columns; rates as rate, hits and n. */
export const SET_TILE_COLUMNS = [...DURATIONS.flatMap(durationColumns), 'count', ...RATES.flatMap((id) => [`${id}_rate`, `${id}_count`, `${id}_n`])];
export const SET_TREND_COLUMNS = ['period', 'severity', ...DURATIONS.flatMap(durationColumns), 'count'];

export interface SetWindows {
  current: Window;
  previous: Window;
  now: Date;
}

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface Verdict {
  verdict: string;
  pValue: number | null;
  nNow: number;
  nBefore: number;
}

export interface OverviewSet {
  tilesNow: Row;
  tilesBefore: Row;
  trend: Row[];
  verdicts: Record<string, Verdict>;
}

export async function overviewWindows(db: Database): Promise<SetWindows> {
  const reader = await db.connection.runAndReadAll(
    "SELECT strftime(max(opened_at), '%Y-%m-01') AS month FROM incidents WHERE NOT is_drill AND opened_at IS NOT NULL",
  );
  const month = reader.getRowObjectsJson()[0]?.month;
  if (typeof month !== 'string') throw new Error('The bench database holds no incidents to build the overview set from.');
  const to = addMonths(month, 1);
  return { current: { from: month, to }, previous: { from: addMonths(month, -1), to: month }, now: new Date(`${to}T00:00:00Z`) };
}

/** Keeps the compared columns, rounds to the millisecond, drops empty trend rows, sorts. */
export function normaliseSet(engine: string, set: OverviewSet): OverviewSet {
  const pick = (row: Row, columns: string[], where: string): Row =>
    Object.fromEntries(columns.map((column) => {
      if (!(column in row)) throw new Error(`${engine} returned no column "${column}" in ${where}.`);
      const cell = row[column] ?? null;
      return [column, typeof cell === 'number' ? Math.round(cell * 1000) / 1000 : cell];
    }));
  // The engine zero-fills every month × severity; a GROUP BY returns only the groups that exist.
  const trend = set.trend.map((row) => pick(row, SET_TREND_COLUMNS, 'the trend')).filter((row) => row.count !== 0);
  trend.sort((a, b) => String(a.period).localeCompare(String(b.period)) || String(a.severity ?? '\uffff').localeCompare(String(b.severity ?? '\uffff')));
  return { tilesNow: pick(set.tilesNow, SET_TILE_COLUMNS, 'the current tiles'), tilesBefore: pick(set.tilesBefore, SET_TILE_COLUMNS, 'the previous tiles'), trend, verdicts: set.verdicts };
}

/** The first difference between two normalised sets as a sentence, or null when they agree. */
export function firstSetDifference(reference: string, expected: OverviewSet, engine: string, actual: OverviewSet): string | null {
  for (const part of ['tilesNow', 'tilesBefore'] as const) {
    for (const column of SET_TILE_COLUMNS) {
      if (!same(expected[part][column], actual[part][column])) return `${engine} differs from ${reference} in ${part}, column ${column}: ${show(actual[part][column])} vs ${show(expected[part][column])}.`;
    }
  }
  if (expected.trend.length !== actual.trend.length) return `${engine} returned ${actual.trend.length} trend rows, ${reference} ${expected.trend.length}.`;
  for (const [index, want] of expected.trend.entries()) {
    for (const column of SET_TREND_COLUMNS) {
      if (!same(want[column], actual.trend[index]![column])) return `${engine} differs from ${reference} in trend row ${index + 1} (${show(want.period)}, ${show(want.severity)}), column ${column}: ${show(actual.trend[index]![column])} vs ${show(want[column])}.`;
    }
  }
  for (const id of TILE_METRICS) {
    const want = expected.verdicts[id];
    const got = actual.verdicts[id];
    if (!want || !got) return `${!want ? reference : engine} has no comparison for ${id}.`;
    const pAgrees = want.pValue === null || got.pValue === null ? want.pValue === got.pValue : Math.abs(want.pValue - got.pValue) <= 1e-9 * Math.max(1, want.pValue);
    if (want.verdict !== got.verdict || !pAgrees || want.nNow !== got.nNow || want.nBefore !== got.nBefore) {
      return `${engine} differs from ${reference} in the comparison of ${id}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}.`;
    }
  }
  return null;
}

/** One millisecond apart is float noise straddling a rounding boundary (sums in another order). */
function same(a: Cell | undefined, b: Cell | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 0.001 + 1e-9;
  return a === b;
}

const show = (cell: Cell | undefined): string => (cell === null || cell === undefined ? 'null' : JSON.stringify(cell));
