/**
 * `npm run bench`: Hindsight measured side by side with the engines it competes with, as ratios
 * from one run (absolute times drift on shared machines; ratios taken together do not).
 * Writes bench/RESULTS.md and bench/results.json (a partial run: bench/tmp/RESULTS-partial.md
 * and results-partial.json); exits 1 when a budget fails, a figure
 * crashes or two engines disagree on a number; 2 on bad options. See bench/README.md.
 *
 * Usage: npm run bench [-- --incidents N] [--large] [--only import,metrics,overview,cache,http,web,sync,report] [--runs N]
 */
import { loadavg } from 'node:os';
import { importFigures } from './figures/import.ts';
import { cacheFigures } from './figures/cache.ts';
import { httpFigures } from './figures/http.ts';
import { metricsFigures } from './figures/metrics-engines.ts';
import { syncFigures, syncSizes } from './figures/sync.ts';
import { overviewSetFigures } from './figures/overview-set.ts';
import { webFigures } from './figures/web.ts';
import { reportFigures } from './figures/report.ts';
import { errorFigure, type Figure } from './figure.ts';
import { prepareTmp, removeRunDir } from './fixtures.ts';
import { describeMachine, engineVersions } from './machine.ts';
import { NOT_BUILT } from './not-built.ts';
import { parseBenchOptions, type Family } from './options.ts';
import { failed, writeReport } from './report.ts';

process.env.TZ = 'UTC'; // nothing here should depend on the machine's zone
const options = parseBenchOptions(process.argv.slice(2));
const startedAt = new Date();
const machine = describeMachine();
const figures: Figure[] = [];
const versions: Record<string, string> = await engineVersions();
const mismatches: string[] = [];
// HTTP runs on the smallest fixture (100,000 by default): it measures the server, not the
// engine's scaling, which the import and metrics figures cover. The web family renders the
// Overview at every size (its goal is stated at 1,000,000) and scrolls the 100,000 list.
const small = options.sizes[0]!;

prepareTmp();
for (const family of options.families) {
  console.log(`\n== ${family} ==`);
  try {
    await runFamily(family);
  } catch (error) {
    // Families report their own failures as figures; this catches a bug in one, so the others
    // still run and the report is still written.
    figures.push(errorFigure(family, `${family} family`, null, error));
  }
}

async function runFamily(family: Family): Promise<void> {
  if (family === 'import') figures.push(...(await importFigures(options.sizes, options.runs)));
  if (family === 'metrics') {
    const result = await metricsFigures(options.sizes, options.runs);
    figures.push(...result.figures);
    Object.assign(versions, result.versions);
    mismatches.push(...result.mismatches);
  }
  if (family === 'overview') {
    const result = await overviewSetFigures(options.sizes, options.runs);
    figures.push(...result.figures);
    mismatches.push(...result.mismatches);
  }
  if (family === 'cache') figures.push(...(await cacheFigures(options.sizes)));
  if (family === 'http') figures.push(...(await httpFigures(small, options.runs)));
  if (family === 'sync') figures.push(...(await syncFigures(syncSizes(options), options.runs)));
  if (family === 'report') figures.push(...(await reportFigures(options.sizes, options.runs)));
  if (family === 'web') {
    const result = await webFigures(small, options.runs, options.sizes);
    figures.push(...result.figures);
    if (result.chromium) versions.Chromium = result.chromium.replace(/^Chromium\s*/i, '').replace(/\s+built on.*$/, '');
  }
}

const report = { startedAt, finishedAt: new Date(), loadAtEnd: loadavg()[0] ?? 0, options, machine, versions, figures, mismatches, notBuilt: NOT_BUILT };
const written = writeReport(report);
console.log(`\n${written.md}\nWritten to ${written.path}.`);
removeRunDir();
if (failed(report)) process.exitCode = 1;
