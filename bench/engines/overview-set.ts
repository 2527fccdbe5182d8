/**
 * The overview set (overview-set.ts) computed two ways over one DuckDB connection:
 * - Hindsight: exactly what the Overview's requests run — runMetrics for the tiles of both
 *   windows and the trends, runCompare for every tile's verdict;
 * - by hand: the SQL of hand-written-set.ts, read the same way (getRowObjectsJson), then the
 *   same statistics functions on the same inputs (the verdicts must agree, and computing them is
 *   part of answering the question on either side).
 * Each also has a `read` step — everything but the statistics: Hindsight's runMetrics calls plus
 * gatherCompare (what runCompare reads before judgeCompare), the hand-written statements — so
 * the SQL can be compared without the shared JS statistics diluting the ratio.
 */
import { COMPARE_SEED, gatherCompare, runCompare, type MetricComparison } from '../../queries/compare/run.ts';
import { parseCompareRequest } from '../../queries/compare/request.ts';
import { defaultContext, type CompileContext } from '../../queries/compile/context.ts';
import type { Database } from '../../queries/db.ts';
import { parseMetricRequest, type MetricRequest } from '../../queries/request.ts';
import { runMetrics } from '../../queries/run.ts';
import { compareCounts, comparePeriods, compareProportions, mixAdjust } from '../../queries/stats/index.ts';
import { HAND_SAMPLES, HAND_TILES, HAND_TREND } from '../hand-written-set.ts';
import { TILE_METRICS, TREND_METRICS, type OverviewSet, type Row, type SetWindows, type Verdict } from '../overview-set.ts';

export interface SetEngine {
  label: string;
  /** The whole set, verdicts included. */
  run(): Promise<OverviewSet>;
  /** Everything the set reads from DuckDB, no statistics. */
  read(): Promise<unknown>;
}

const parse = (raw: Record<string, string>): MetricRequest => {
  const { request, errors } = parseMetricRequest(raw);
  if (errors.length) throw new Error(`The overview set's request no longer parses: ${errors.join(' ')}`);
  return request;
};

export function contextFor(windows: SetWindows): CompileContext {
  return defaultContext(windows.now);
}

export function hindsightSet(db: Database, windows: SetWindows): SetEngine {
  const context = contextFor(windows);
  const tiles = (w: SetWindows['current']) => parse({ metric: TILE_METRICS.join(','), from: w.from, to: w.to });
  const now = tiles(windows.current);
  const before = tiles(windows.previous);
  const trend = parse({ metric: TREND_METRICS.join(','), by: 'severity', grain: 'month' });
  const { compare, errors } = parseCompareRequest({ metric: TILE_METRICS.join(','), from: windows.current.from, to: windows.current.to });
  if (!compare) throw new Error(`The overview set's comparison no longer parses: ${errors.join(' ')}`);
  return {
    label: 'Hindsight (runMetrics + runCompare)',
    async run() {
      const a = await runMetrics(db.connection, now, context);
      const b = await runMetrics(db.connection, before, context);
      const t = await runMetrics(db.connection, trend, context);
      const c = await runCompare(db.connection, compare, context);
      return { tilesNow: a.rows[0] ?? {}, tilesBefore: b.rows[0] ?? {}, trend: t.rows, verdicts: Object.fromEntries(c.comparisons.map((m) => [m.metric.id, verdictOf(m)])) };
    },
    async read() {
      await runMetrics(db.connection, now, context);
      await runMetrics(db.connection, before, context);
      await runMetrics(db.connection, trend, context);
      return gatherCompare(db.connection, compare, context);
    },
  };
}

function verdictOf(comparison: MetricComparison): Verdict {
  const row = comparison.rows[0]!;
  return { verdict: row.verdict, pValue: row.pValue, nNow: row.current.n, nBefore: row.previous.n };
}

interface HandInputs {
  tilesNow: Row;
  tilesBefore: Row;
  trend: Row[];
  samplesNow: Row[];
  samplesBefore: Row[];
}

export function handWrittenSet(db: Database, windows: SetWindows) {
  const context = contextFor(windows);
  const read = async (sql: string, params: Array<string | number> = []) => (await db.connection.runAndReadAll(sql, params)).getRowObjectsJson() as Row[];
  const instant = (date: string) => `${date}T00:00:00Z`;
  const windowParams = (w: SetWindows['current']) => [instant(w.from), instant(w.to)];
  const fetch = async (): Promise<HandInputs> => ({
    tilesNow: (await read(HAND_TILES, [...windowParams(windows.current), context.now.toISOString(), context.reviewWindowSeconds]))[0]!,
    tilesBefore: (await read(HAND_TILES, [...windowParams(windows.previous), context.now.toISOString(), context.reviewWindowSeconds]))[0]!,
    trend: await read(HAND_TREND),
    samplesNow: await read(HAND_SAMPLES, windowParams(windows.current)),
    samplesBefore: await read(HAND_SAMPLES, windowParams(windows.previous)),
  });
  const days = (w: SetWindows['current']) => (Date.parse(instant(w.to)) - Date.parse(instant(w.from))) / 86_400_000;
  const statistics = (inputs: HandInputs): Record<string, Verdict> => {
    const verdicts: Record<string, Verdict> = {};
    for (const id of ['mtta', 'mttr']) {
      const values = (rows: Row[]) => rows.filter((row) => typeof row[id] === 'number');
      const now = values(inputs.samplesNow);
      const before = values(inputs.samplesBefore);
      const result = comparePeriods(now.map((row) => row[id] as number), before.map((row) => row[id] as number), { seed: COMPARE_SEED, lowerIsBetter: true });
      // The engine splits every duration's change into severity mix and speed within severity too.
      const strata = [...new Set([...now, ...before].map((row) => String(row.severity ?? '(none)')))].map((stratum) => ({
        stratum,
        current: now.filter((row) => String(row.severity ?? '(none)') === stratum).map((row) => row[id] as number),
        previous: before.filter((row) => String(row.severity ?? '(none)') === stratum).map((row) => row[id] as number),
      }));
      mixAdjust(strata);
      verdicts[id] = { verdict: result.verdict, pValue: result.pValue, nNow: result.current.n, nBefore: result.previous.n };
    }
    const count = compareCounts({ count: inputs.tilesNow.count as number, exposure: days(windows.current) }, { count: inputs.tilesBefore.count as number, exposure: days(windows.previous) });
    verdicts.count = { verdict: count.verdict, pValue: count.pValue, nNow: count.current.n, nBefore: count.previous.n };
    for (const id of TILE_METRICS.filter((m) => !(m in verdicts))) {
      const share = (row: Row) => ({ hits: row[`${id}_count`] as number, n: row[`${id}_n`] as number });
      const result = compareProportions(share(inputs.tilesNow), share(inputs.tilesBefore), { lowerIsBetter: id !== 'review_coverage' });
      verdicts[id] = { verdict: result.verdict, pValue: result.pValue, nNow: result.current.n, nBefore: result.previous.n };
    }
    return verdicts;
  };
  return {
    label: 'hand-written DuckDB SQL (+ the same statistics)',
    async run(): Promise<OverviewSet> {
      const inputs = await fetch();
      return { tilesNow: inputs.tilesNow, tilesBefore: inputs.tilesBefore, trend: inputs.trend, verdicts: statistics(inputs) };
    },
    read: fetch,
    /** The statistics alone, on inputs fetched once. */
    async statsOnly(): Promise<() => Promise<void>> {
      const inputs = await fetch();
      return async () => void statistics(inputs);
    },
  } satisfies SetEngine & { statsOnly(): Promise<() => Promise<void>> };
}
