/**
 * Figure 2, metrics: the overview set (overview.ts) through Hindsight's compiled catalog vs the
 * same numbers from (a) hand-written DuckDB SQL, (b) PostgreSQL 15, (c) SQLite, (d) plain JS.
 * Goals (issue 9): Hindsight ≤ 1.3× the hand-written time at every size; ≥ 12× faster than
 * PostgreSQL and SQLite and ≥ 5× faster than plain JS, judged at 1,000,000 incidents (other
 * sizes are reported as INFO). Every engine's numbers must equal Hindsight's, rounded to the
 * millisecond; a difference fails the run and names the engine, row and column.
 *
 * Hindsight is timed again right before each engine, so every ratio is a pair measured
 * side by side, not against a number from minutes earlier on a drifting shared machine.
 */
import { join } from 'node:path';
import { openDatabase, type Database } from '../../queries/db.ts';
import { handWrittenEngine, hindsightEngine } from '../engines/duckdb.ts';
import type { Engine } from '../engines/engine.ts';
import { plainJsEngine } from '../engines/plain-js.ts';
import { PG_SETTINGS, postgresEngine } from '../engines/postgres.ts';
import { ensurePostgresInstalled, startPostgres, type PgServer } from '../engines/postgres-server.ts';
import { sqliteEngine } from '../engines/sqlite.ts';
import { count, errorFigure, ms, type FamilyResult, type Figure } from '../figure.ts';
import { ensureCsv, ensureHindsightDb, RUN_DIR } from '../fixtures.ts';
import { medianMs } from '../measure.ts';
import { GOAL_SIZE } from '../options.ts';
import { firstDifference, normalise, uncomparedColumns, type Overview } from '../overview.ts';

interface Rival {
  key: 'hand' | 'postgres' | 'sqlite' | 'js';
  name: string;
  /** Slower-by factor Hindsight must reach (null: the hand-written ≤ 1.3× budget instead). */
  faster: number | null;
  create(csv: string, incidents: number): Promise<Engine>;
}

const HAND_BUDGET = 1.3;

export async function metricsFigures(sizes: number[], runs: number): Promise<FamilyResult> {
  const result: FamilyResult = { figures: [], versions: {}, mismatches: [] };
  const pgMissing = ensurePostgresInstalled();
  let pgServer: PgServer | null = null;
  let pgError: unknown = null;
  if (!pgMissing) {
    try {
      pgServer = await startPostgres(PG_SETTINGS);
    } catch (error) {
      pgError = error;
    }
  }
  try {
    for (const incidents of sizes) {
      let db: Database;
      try {
        db = await openDatabase(await ensureHindsightDb(incidents));
      } catch (error) {
        result.figures.push(errorFigure('metrics', 'Overview metrics: loading the Hindsight database', incidents, error));
        continue;
      }
      try {
        await compareAll(db, incidents, runs, rivals(db, pgServer, pgMissing, pgError), result);
      } catch (error) {
        result.figures.push(errorFigure('metrics', 'Overview metrics: Hindsight (the reference answer)', incidents, error));
      } finally {
        db.close();
      }
    }
  } finally {
    pgServer?.stop();
  }
  return result;
}

function rivals(db: Database, pg: PgServer | null, pgMissing: string | null, pgError: unknown): Rival[] {
  return [
    { key: 'hand', name: 'hand-written DuckDB SQL', faster: null, create: () => handWrittenEngine(db) },
    {
      key: 'postgres', name: 'PostgreSQL 15', faster: 12,
      create: async (csv) => {
        if (pgMissing) throw new Skip(`skipped: PostgreSQL not installed. ${pgMissing}`);
        if (!pg) throw pgError instanceof Error ? pgError : new Error(`PostgreSQL did not start: ${String(pgError)}`);
        return postgresEngine(pg, csv);
      },
    },
    { key: 'sqlite', name: 'SQLite (better-sqlite3)', faster: 12, create: (csv, n) => sqliteEngine(csv, join(RUN_DIR, `sqlite-${n}.db`)) },
    { key: 'js', name: 'plain JavaScript', faster: 5, create: (csv) => plainJsEngine(csv) },
  ];
}

class Skip extends Error {}

async function compareAll(db: Database, incidents: number, runs: number, list: Rival[], result: FamilyResult): Promise<void> {
  const hindsight = await hindsightEngine(db);
  result.versions.DuckDB = hindsight.version;
  const raw = await hindsight.overview();
  const reference = normalise(hindsight.label, raw);
  const extra = uncomparedColumns(raw);
  if (extra.length > 0) {
    result.mismatches.push(`Hindsight now also answers ${extra.join(', ')}, which the other engines do not compute: teach bench/engines (and hand-written.ts) these aggregates so the timings compare the same work.`);
  }
  const csv = await ensureCsv(incidents);
  for (const rival of list) {
    const name = `Overview metrics: Hindsight vs ${rival.name}`;
    console.log(`metrics ${count(incidents)}: ${rival.name}`);
    try {
      result.figures.push(await compareOne(hindsight, reference, rival, csv, incidents, runs, name, result));
    } catch (error) {
      if (error instanceof Skip) result.figures.push(skipped(name, incidents, rival, error.message));
      else result.figures.push(errorFigure('metrics', name, incidents, error));
    }
  }
}

async function compareOne(hindsight: Engine, reference: Overview, rival: Rival, csv: string, incidents: number,
  runs: number, name: string, result: FamilyResult): Promise<Figure> {
  const engine = await rival.create(csv, incidents);
  try {
    if (rival.key === 'postgres') result.versions.PostgreSQL = engine.version;
    const difference = firstDifference('Hindsight', reference, engine.label, normalise(engine.label, await engine.overview()));
    if (difference) {
      console.error(`MISMATCH at ${count(incidents)} incidents: ${difference}`);
      result.mismatches.push(`${count(incidents)} incidents: ${difference}`);
    }
    const ourMs = await medianMs(runs, () => hindsight.overview());
    const theirMs = await medianMs(runs, () => engine.overview());
    const loaded = engine.loadMs === null ? '' : `${engine.label} loaded in ${(engine.loadMs / 1000).toFixed(1)} s (not timed). `;
    const figure: Figure = { family: 'metrics', name, incidents, hindsight: ms(ourMs), baseline: { label: rival.name, measure: ms(theirMs) },
      ratio: null, goal: '', status: 'INFO', note: `${loaded}${difference ? `NUMBERS DIFFER: ${difference}` : 'same numbers as Hindsight.'}` };
    if (rival.faster === null) {
      const ratio = ourMs / theirMs;
      Object.assign(figure, { ratio: { value: ratio, text: `${ratio.toFixed(2)}× hand-written time` }, goal: `≤ ${HAND_BUDGET}× hand-written time`,
        status: ratio <= HAND_BUDGET ? 'PASS' : 'FAIL' });
    } else {
      const ratio = theirMs / ourMs;
      const judged = incidents === GOAL_SIZE;
      const text = ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`;
      Object.assign(figure, { ratio: { value: ratio, text },
        goal: `≥ ${rival.faster}× faster${judged ? '' : ` (judged at ${count(GOAL_SIZE)})`}`,
        status: judged ? (ratio >= rival.faster ? 'PASS' : 'FAIL') : 'INFO' });
    }
    if (difference) figure.status = 'FAIL';
    return figure;
  } finally {
    await engine.close();
  }
}

function skipped(name: string, incidents: number, rival: Rival, why: string): Figure {
  return { family: 'metrics', name, incidents, hindsight: null, baseline: null, ratio: null,
    goal: `≥ ${rival.faster}× faster (at ${count(GOAL_SIZE)})`, status: 'SKIPPED', note: why };
}
