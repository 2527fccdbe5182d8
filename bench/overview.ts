/**
 * The overview metric set — what the dashboard's Overview page asks for — and the one shape
 * every engine's answer is brought to before the numbers are compared.
 *
 * The page (web/src/features/overview) sends two GET /api/metrics requests:
 *   tiles: metric=mtta,mttr,count           (the catalog's id for "Incidents" is `count`)
 *   trend: metric=mttr&by=severity&grain=month
 * Semantics every engine implements (the catalog's defaults, same as hand-written.ts):
 * drills excluded (NOT is_drill); cohort = incidents with an opened_at; a duration counts only
 * when both timestamps exist and end ≥ start; months are calendar months in UTC; percentiles
 * interpolate linearly (type 7: DuckDB quantile_cont, PostgreSQL percentile_cont); the geometric
 * mean is exp(mean(ln d)) over the positive durations of the population.
 * Every engine computes every aggregate Hindsight answers for these requests (median, p90,
 * p95, mean, geometric mean, n), so the timings compare the same work.
 */

export const OVERVIEW_QUERIES = {
  tiles: 'metric=mtta,mttr,count',
  trend: 'metric=mttr&by=severity&grain=month',
} as const;

/** The duration aggregates of the catalog (queries/metrics/durations.ts), all computed by every engine. */
export const DURATION_AGGREGATES = ['median', 'p90', 'p95', 'mean', 'geomean', 'n'] as const;
const DURATION = DURATION_AGGREGATES;
/** Compared columns, in order. Hindsight's extra `count_n` (same number as `count`) is not. */
export const TILE_COLUMNS = [...DURATION.map((a) => `mtta_${a}`), ...DURATION.map((a) => `mttr_${a}`), 'count'];
export const TREND_COLUMNS = ['period', 'severity', ...DURATION.map((a) => `mttr_${a}`)];

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** One engine's answer: the tiles' single row and the trend's rows. */
export interface Overview {
  tiles: Row;
  trend: Row[];
}

/**
 * Keeps the compared columns, rounds numbers to the millisecond (durations are seconds, so
 * 3 decimals) and sorts the trend by (period, severity). A missing column is an error, not a
 * null. Trend rows with mttr_n = 0 carry no number and are dropped: Hindsight zero-fills the
 * series (every month × severity, empty ones with n = 0), a GROUP BY returns only the groups
 * that exist, and both are right.
 */
export function normalise(engine: string, overview: Overview): Overview {
  const pick = (row: Row, columns: string[], where: string): Row =>
    Object.fromEntries(columns.map((column) => {
      if (!(column in row)) throw new Error(`${engine} returned no column "${column}" in ${where}.`);
      return [column, round(row[column] ?? null)];
    }));
  const trend = overview.trend.map((row) => pick(row, TREND_COLUMNS, 'the trend')).filter((row) => row.mttr_n !== 0);
  trend.sort((a, b) => compareKey(a.period, b.period) || compareKey(a.severity, b.severity));
  return { tiles: pick(overview.tiles, TILE_COLUMNS, 'the tiles'), trend };
}

/**
 * The first difference between two normalised answers, as a sentence naming the engine, the
 * row and the column; null when they agree.
 */
export function firstDifference(reference: string, expected: Overview, engine: string, actual: Overview): string | null {
  for (const column of TILE_COLUMNS) {
    if (!same(expected.tiles[column], actual.tiles[column])) {
      return `${engine} differs from ${reference} in the tiles, column ${column}: ${show(actual.tiles[column])} vs ${show(expected.tiles[column])}.`;
    }
  }
  if (expected.trend.length !== actual.trend.length) {
    return `${engine} returned ${actual.trend.length} trend rows, ${reference} ${expected.trend.length}.`;
  }
  for (const [index, want] of expected.trend.entries()) {
    const got = actual.trend[index]!;
    for (const column of TREND_COLUMNS) {
      if (!same(want[column], got[column])) {
        return `${engine} differs from ${reference} in trend row ${index + 1} (period ${show(want.period)}, severity ${show(want.severity)}), column ${column}: ${show(got[column])} vs ${show(want[column])}.`;
      }
    }
  }
  return null;
}

/**
 * Equal after rounding to the millisecond — or one millisecond apart, which is float noise
 * straddling a rounding boundary (engines sum in different orders: the geometric mean's sum of
 * logarithms differs in its last bits). Any real difference in population or interpolation
 * moves a number by far more.
 */
function same(a: Cell | undefined, b: Cell | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 0.001 + 1e-9;
  return a === b;
}

function round(cell: Cell | bigint | undefined): Cell {
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'number') return Math.round(cell * 1000) / 1000;
  return cell ?? null;
}

function compareKey(a: Cell | undefined, b: Cell | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // NULLS LAST, as the compiled SQL orders
  if (b === null || b === undefined) return -1;
  return String(a) < String(b) ? -1 : 1;
}

const show = (cell: Cell | undefined): string => (cell === null || cell === undefined ? 'null' : JSON.stringify(cell));

/**
 * Columns Hindsight answered that no engine computes (count_n aside: it repeats count). Not
 * empty means the catalog grew an aggregate: the bench still runs, but says the timings no
 * longer compare the same work until the engines compute it too.
 */
export function uncomparedColumns(raw: Overview): string[] {
  const known = new Set([...TILE_COLUMNS, ...TREND_COLUMNS, 'count_n']);
  const seen = new Set([...Object.keys(raw.tiles), ...raw.trend.flatMap((row) => Object.keys(row))]);
  return [...seen].filter((column) => !known.has(column));
}
