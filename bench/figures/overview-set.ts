/**
 * Issue 4's speed goal: the overview set (overview-set.ts) through the engine within 1.3× of
 * the equivalent hand-written DuckDB SQL measured in the same run, judged at 1,000,000
 * incidents (other sizes INFO). Two figures per size:
 * - SQL: everything each side reads from DuckDB (the engine's runMetrics calls and
 *   gatherCompare; the hand-written statements) — the judged one, since it is what the compiler
 *   is responsible for;
 * - end to end: the same plus the verdicts, computed by the same statistics functions on both
 *   sides (INFO): what a user waits for, and how much of it is statistics.
 * Both answers must agree — every tile of both windows, every trend row, every verdict with its
 * p-value and n — or the run fails naming the difference.
 * Timing: the two sides alternate run by run (engine, hand, engine, hand…) after a warm-up and
 * each side's median is taken, so a load spike on this shared machine hits both; the note adds
 * the ratio of process CPU time, which other processes disturb far less than wall time.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../queries/db.ts';
import { handWrittenSet, hindsightSet } from '../engines/overview-set.ts';
import { count, errorFigure, ms, type FamilyResult, type Figure } from '../figure.ts';
import { ensureHindsightDb } from '../fixtures.ts';
import { median, medianMs } from '../measure.ts';
import { GOAL_SIZE } from '../options.ts';
import { firstSetDifference, normaliseSet, overviewWindows } from '../overview-set.ts';

const BUDGET = 1.3;
const NAME = 'Overview set (every tile, its previous-period verdict, monthly trends)';

interface Paired {
  wall: [number, number];
  cpu: [number, number];
}

/** Alternating runs of a and b after one warm-up each: median wall and CPU milliseconds. */
async function alternate(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<Paired> {
  await a();
  await b();
  const samples = { wallA: [] as number[], wallB: [] as number[], cpuA: [] as number[], cpuB: [] as number[] };
  const once = async (action: () => Promise<unknown>, wall: number[], cpu: number[]) => {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    await action();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  };
  for (let i = 0; i < runs; i++) {
    await once(a, samples.wallA, samples.cpuA);
    await once(b, samples.wallB, samples.cpuB);
  }
  return { wall: [median(samples.wallA), median(samples.wallB)], cpu: [median(samples.cpuA), median(samples.cpuB)] };
}

export async function overviewSetFigures(sizes: number[], runs: number): Promise<FamilyResult> {
  const result: FamilyResult = { figures: [], versions: {}, mismatches: [] };
  for (const incidents of sizes) {
    try {
      const db = await openDatabase(await ensureHindsightDb(incidents));
      try {
        console.log(`overview set ${count(incidents)}`);
        const windows = await overviewWindows(db);
        const engine = hindsightSet(db, windows);
        const hand = handWrittenSet(db, windows);
        const difference = firstSetDifference('Hindsight', normaliseSet(engine.label, await engine.run()), hand.label, normaliseSet(hand.label, await hand.run()));
        if (difference) {
          console.error(`MISMATCH at ${count(incidents)} incidents: ${difference}`);
          result.mismatches.push(`${count(incidents)} incidents, overview set: ${difference}`);
        }
        const sql = await alternate(runs, () => engine.read(), () => hand.read());
        const whole = await alternate(runs, () => engine.run(), () => hand.run());
        const statsMs = await medianMs(runs, await hand.statsOnly());
        const judged = incidents === GOAL_SIZE;
        const windowsNote = `${windows.current.from} vs ${windows.previous.from} (months), now ${windows.now.toISOString().slice(0, 10)}`;
        const figure = (name: string, pair: Paired, baseline: string, goal: string, judge: boolean, note: string): Figure => {
          const ratio = pair.wall[0] / pair.wall[1];
          return {
            family: 'overview', name, incidents, hindsight: ms(pair.wall[0]), baseline: { label: baseline, measure: ms(pair.wall[1]) },
            ratio: { value: ratio, text: `${ratio.toFixed(2)}× hand-written time` }, goal,
            status: difference ? 'FAIL' : judge ? (ratio <= BUDGET ? 'PASS' : 'FAIL') : 'INFO',
            note: `${note}; CPU time ${(pair.cpu[0] / pair.cpu[1]).toFixed(2)}× (${pair.cpu[0].toFixed(0)} vs ${pair.cpu[1].toFixed(0)} ms); ${windowsNote}; ` +
              `${difference ? `NUMBERS DIFFER: ${difference}` : 'same numbers and verdicts on both sides'}`,
          };
        };
        result.figures.push(
          figure(`${NAME}, SQL: Hindsight vs hand-written DuckDB SQL`, sql, 'hand-written DuckDB SQL',
            `≤ ${BUDGET}× hand-written time${judged ? '' : ` (judged at ${count(GOAL_SIZE)})`}`, judged,
            'runMetrics ×3 + gatherCompare vs 5 hand-written statements (the engine cannot reuse the tile rows for the count and rate verdicts; an analyst can)'),
          figure(`${NAME}, end to end with verdicts`, whole, 'hand-written SQL + the same statistics', 'no budget (INFO)', false,
            `the shared statistics (Mann–Whitney, seeded 2000-resample bootstrap, Poisson and two-proportion tests) take ${statsMs.toFixed(0)} ms of each side`),
        );
      } finally {
        db.close();
      }
    } catch (error) {
      result.figures.push(errorFigure('overview', NAME, incidents, error));
    }
  }
  return result;
}
