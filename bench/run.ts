/**
 * `npm run bench`: Hindsight measured side by side with the bare engine underneath it, as ratios
 * from one run (absolute times drift on shared machines; ratios taken together do not).
 * Writes bench/RESULTS.md and bench/results.json; exits 1 when a budget fails or when two
 * engines disagree on a number. Parts whose feature does not exist yet are listed as "not built".
 *
 * Usage: npm run bench [-- --incidents 100000 --runs 3]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateIncidents, toCsv } from '../fixtures/generate.ts';
import { openDatabase } from '../queries/db.ts';
import { importFile } from '../ingest/import-file.ts';
import { parseMetricRequest } from '../queries/request.ts';
import { runMetrics } from '../queries/run.ts';
import { HAND_WRITTEN_OVERVIEW } from './hand-written.ts';
import { medianMs } from './measure.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({ options: { incidents: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } } });
const incidents = Number(values.incidents);
const runs = Math.max(3, Number(values.runs));

interface Figure { name: string; hindsightMs: number; baselineMs: number; baseline: string; goal: string; ratio: number; pass: boolean }
const figures: Figure[] = [];
const notBuilt = [
  'Metrics vs PostgreSQL 15, SQLite (better-sqlite3) and plain JavaScript',
  'HTTP: overview API cold/cached latency, 50 concurrent clients',
  'Web: Overview first render in Chromium, gzipped bundle size',
  'Reports and exports: HTML report, email render, 1M-row CSV export, peak RSS',
];

const tmp = `${HERE}tmp/`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const csvFile = `${tmp}incidents.csv`;
writeFileSync(csvFile, toCsv(generateIncidents({ incidents, seed: 1 })));

// 1. Import: hindsight import vs a bare CREATE TABLE AS read_csv of the same file (goal ≥ 0.7×).
{
  let i = 0;
  const hindsightMs = await medianMs(runs, async () => {
    const db = await openDatabase(`${tmp}import-${i++}.duckdb`);
    await importFile(db.connection, { file: csvFile, profile: 'generic', source: 'bench' });
    db.close();
  });
  const baselineMs = await medianMs(runs, async () => {
    const db = await openDatabase(`${tmp}bare-${i++}.duckdb`);
    await db.connection.run('CREATE TABLE bare AS SELECT * FROM read_csv($1)', [csvFile]);
    db.close();
  });
  const ratio = baselineMs / hindsightMs;
  figures.push({ name: `Import ${incidents.toLocaleString('en-US')} incidents (CSV → DuckDB file)`, hindsightMs, baselineMs, baseline: 'bare read_csv CTAS', goal: '≥ 0.7× bare speed', ratio, pass: ratio >= 0.7 });
}

// 2. Metrics: the overview set through the compiled catalog vs hand-written DuckDB SQL (≤ 1.3×).
{
  const db = await openDatabase(`${tmp}metrics.duckdb`);
  await importFile(db.connection, { file: csvFile, profile: 'generic', source: 'bench' });
  const requests = ['metric=mtta,mttr,incidents', 'metric=mttr,incidents&by=severity&grain=month'].map((query) => {
    const { request, errors } = parseMetricRequest(Object.fromEntries(new URLSearchParams(query)));
    if (errors.length) throw new Error(errors.join(' '));
    return request;
  });
  const ours = await Promise.all(requests.map((request) => runMetrics(db.connection, request)));
  for (const [index, sql] of HAND_WRITTEN_OVERVIEW.entries()) {
    const theirs = (await db.connection.runAndReadAll(sql)).getRowObjectsJson();
    const mine = ours[index]!.rows;
    if (JSON.stringify(round(theirs)) !== JSON.stringify(round(mine))) {
      console.error(`Mismatch between Hindsight and hand-written SQL for query ${index + 1}.`);
      process.exitCode = 1;
    }
  }
  const hindsightMs = await medianMs(runs, () => Promise.all(requests.map((request) => runMetrics(db.connection, request))));
  const baselineMs = await medianMs(runs, async () => {
    for (const sql of HAND_WRITTEN_OVERVIEW) await db.connection.runAndReadAll(sql);
  });
  const ratio = hindsightMs / baselineMs;
  figures.push({ name: 'Overview metrics (tiles + monthly MTTR by severity)', hindsightMs, baselineMs, baseline: 'hand-written DuckDB SQL', goal: '≤ 1.3× hand-written time', ratio, pass: ratio <= 1.3 });
  db.close();
}
rmSync(tmp, { recursive: true, force: true });

function round(rows: unknown[]): unknown[] {
  return JSON.parse(JSON.stringify(rows, (_, v) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v)));
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const table = figures.map((f) =>
  `| ${f.name} | ${f.hindsightMs.toFixed(1)} | ${f.baselineMs.toFixed(1)} (${f.baseline}) | ${f.ratio.toFixed(2)}× | ${f.goal} | ${f.pass ? 'PASS' : 'FAIL'} |`);
const md = [
  '# Benchmark results',
  '',
  `Regenerated by \`npm run bench\`. Machine: ${machine}. ${incidents.toLocaleString('en-US')} incidents, median of ${runs} runs after a warm-up.`,
  '',
  '| figure | Hindsight ms | baseline ms | ratio | goal | result |',
  '|---|---|---|---|---|---|',
  ...table,
  '',
  '## Not built yet',
  '',
  ...notBuilt.map((item) => `- ${item}`),
  '',
].join('\n');
writeFileSync(`${HERE}RESULTS.md`, md);
writeFileSync(`${HERE}results.json`, `${JSON.stringify({ machine, incidents, runs, figures, notBuilt }, null, 2)}\n`);
console.log(md);
if (figures.some((f) => !f.pass)) process.exitCode = 1;
