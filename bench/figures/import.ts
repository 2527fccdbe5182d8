/**
 * Figure 1, import: `importFile` (what `hindsight import` runs) vs a bare DuckDB
 * `CREATE TABLE AS SELECT * FROM read_csv(...)` of the same CSV into a fresh file.
 * Goal (issue 9): Hindsight at ≥ 0.7× the bare speed, i.e. bare time / Hindsight time ≥ 0.7.
 * Goal (issue 3): the import's peak RSS under 2 GB (2,000,000,000 bytes) at 5,000,000 incidents
 * (`--large`); at other sizes the peak is reported as INFO beside the bare import's.
 *
 * Each run is its own process (import-once.ts) so peak RSS belongs to that import alone; the
 * two sides alternate run by run, so drift on a shared machine hits both alike.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTsChild } from '../child.ts';
import { count, errorFigure, ms, type Figure } from '../figure.ts';
import { ensureCsv, hindsightDbPath, RUN_DIR } from '../fixtures.ts';
import { median } from '../measure.ts';

const ONCE = fileURLToPath(new URL('./import-once.ts', import.meta.url));
const GOAL = 0.7;
/** 2 GB in MiB, and the size it is judged at. */
const PEAK_RSS_GOAL_MIB = 2e9 / 2 ** 20;
const PEAK_RSS_JUDGED_AT = 5_000_000;

interface Once {
  ms: number;
  rows: number;
  peakRssMiB: number;
  baseRssMiB: number;
}

export async function importFigures(sizes: number[], runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const incidents of sizes) {
    const name = 'Import: CSV → DuckDB file (importFile vs bare read_csv CTAS)';
    try {
      figures.push(...(await importFigure(incidents, runs, name)));
    } catch (error) {
      figures.push(errorFigure('import', name, incidents, error));
    }
  }
  return figures;
}

/** The speed figure and the peak-memory figure of one size. */
async function importFigure(incidents: number, runs: number, name: string): Promise<Figure[]> {
  const csv = await ensureCsv(incidents);
  const ours: Once[] = [];
  const bare: Once[] = [];
  for (let run = 0; run <= runs; run++) {
    const label = run === 0 ? 'warm-up' : `run ${run}/${runs}`;
    console.log(`import ${count(incidents)}: ${label}`);
    const last = run === runs;
    const h = await once('hindsight', csv, last ? hindsightDbPath(incidents) : undefined);
    const b = await once('bare', csv);
    if (h.rows !== incidents || b.rows !== incidents) {
      throw new Error(`expected ${incidents} rows; Hindsight stored ${h.rows}, bare read_csv ${b.rows}`);
    }
    if (run > 0) {
      ours.push(h);
      bare.push(b);
    }
  }
  const hindsightMs = median(ours.map((r) => r.ms));
  const bareMs = median(bare.map((r) => r.ms));
  const ratio = bareMs / hindsightMs;
  const peak = (list: Once[]) => Math.max(...list.map((r) => r.peakRssMiB));
  const base = Math.max(...ours.map((r) => r.baseRssMiB)).toFixed(0);
  const judged = incidents === PEAK_RSS_JUDGED_AT;
  const memory: Figure = {
    family: 'import',
    name: 'Import: peak RSS of one import process (importFile vs bare read_csv CTAS)',
    incidents,
    hindsight: { value: peak(ours), unit: 'MiB' },
    baseline: { label: 'bare read_csv CTAS', measure: { value: peak(bare), unit: 'MiB' } },
    ratio: null,
    goal: `< ${PEAK_RSS_GOAL_MIB.toFixed(0)} MiB (2 GB) at ${count(PEAK_RSS_JUDGED_AT)}`,
    status: !judged ? 'INFO' : peak(ours) < PEAK_RSS_GOAL_MIB ? 'PASS' : 'FAIL',
    note: `highest of ${runs} runs; ~${base} MiB of it is Node + DuckDB before loading${judged ? '' : ` (judged at ${count(PEAK_RSS_JUDGED_AT)}: npm run bench -- --large)`}`,
  };
  return [{
    family: 'import',
    name,
    incidents,
    hindsight: ms(hindsightMs),
    baseline: { label: 'bare read_csv CTAS', measure: ms(bareMs) },
    ratio: { value: ratio, text: `${ratio.toFixed(2)}× bare speed` },
    goal: `≥ ${GOAL}× bare speed`,
    status: ratio >= GOAL ? 'PASS' : 'FAIL',
    note: `peak RSS ${peak(ours).toFixed(0)} MiB (Hindsight) vs ${peak(bare).toFixed(0)} MiB (bare); ~${base} MiB of either is Node + DuckDB before loading`,
  }, memory];
}

/**
 * One import in a child process into a fresh file. With `keepAs`, the database is moved there
 * afterwards (the metrics and HTTP figures reuse it instead of importing again); it is moved
 * only when the child succeeded, so a crashed import never leaves a half-written file behind.
 */
async function once(mode: 'hindsight' | 'bare', csv: string, keepAs?: string): Promise<Once> {
  const db = join(RUN_DIR, `import-${mode}-${process.pid}.duckdb`);
  const remove = (path: string) => [path, `${path}.wal`].forEach((file) => rmSync(file, { force: true }));
  remove(db);
  try {
    const result = await runTsChild<Once>(ONCE, [mode, csv, db]);
    if (keepAs) {
      remove(keepAs);
      renameSync(db, keepAs);
      if (existsSync(`${db}.wal`)) renameSync(`${db}.wal`, `${keepAs}.wal`);
    }
    return result;
  } finally {
    remove(db);
  }
}
