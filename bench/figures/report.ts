/**
 * Issue 7's and 8's speed goals, on the bench database (the latest whole month, "now" pinned to
 * its end — bench/overview-set.ts):
 * - one month's HTML report (the report model's queries and the HTML render with its inline
 *   SVG charts) in ≤ 2 s at 1,000,000 incidents;
 * - one summary email (the same queries plus three charts to PNG, composed) in ≤ 1.5 s;
 * - a CSV export of every incident streaming at ≥ 50 MB/s with flat memory: peak RSS growth
 *   while it streams stays under a fixed allowance whatever the file size.
 * Goals are judged at 1,000,000 incidents; other sizes are INFO.
 */
import { statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { defaultContext } from '../../queries/compile/context.ts';
import { openDatabase } from '../../queries/db.ts';
import { buildReport, parseReportRequest } from '../../queries/report.ts';
import { parseConfig } from '../../server/config.ts';
import { buildMessage } from '../../server/email/deliver.ts';
import { periodBefore } from '../../server/email/periods.ts';
import { planExport } from '../../server/export/request.ts';
import { exportToFile } from '../../server/export/run.ts';
import { renderReportHtml } from '../../server/report/html.ts';
import { count, errorFigure, ms, type Figure } from '../figure.ts';
import { RUN_DIR, ensureHindsightDb } from '../fixtures.ts';
import { median, timeMs, toMiB } from '../measure.ts';
import { GOAL_SIZE } from '../options.ts';
import { overviewWindows } from '../overview-set.ts';

const REPORT_BUDGET_MS = 2000;
const EMAIL_BUDGET_MS = 1500;
const CSV_BUDGET_MB_S = 50;
/** Peak RSS growth allowed while a CSV streams: a streamed export holds pages, not the file. */
const CSV_MEMORY_MIB = 256;

/** Runs `action` while sampling RSS every 20 ms; the peak growth over the RSS before it, in MiB. */
async function withPeakRss(action: () => Promise<void>): Promise<number> {
  const base = process.memoryUsage().rss;
  let high = base;
  const sampler = setInterval(() => { high = Math.max(high, process.memoryUsage().rss); }, 20);
  try {
    await action();
  } finally {
    clearInterval(sampler);
  }
  return toMiB(Math.max(high, process.memoryUsage().rss) - base);
}

const judged = (incidents: number, pass: boolean) => (incidents === GOAL_SIZE ? (pass ? 'PASS' : 'FAIL') : 'INFO') as Figure['status'];

export async function reportFigures(sizes: number[], runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const incidents of sizes) {
    for (const [name, measure] of [
      ['One month\'s HTML report (model queries + render)', reportFigure],
      ['One summary email (queries + three charts to PNG)', emailFigure],
      ['CSV export of every incident, streamed to a file', csvFigure],
    ] as const) {
      try {
        figures.push(await measure(incidents, runs, name));
      } catch (error) {
        figures.push(errorFigure('report', name, incidents, error));
      }
    }
  }
  return figures;
}

async function setup(incidents: number) {
  const db = await openDatabase(await ensureHindsightDb(incidents));
  const windows = await overviewWindows(db);
  return { db, windows, context: defaultContext(windows.now) };
}

async function reportFigure(incidents: number, runs: number, name: string): Promise<Figure> {
  const { db, windows, context } = await setup(incidents);
  try {
    const { report } = parseReportRequest({ period: windows.current.from.slice(0, 7) });
    let bytes = 0;
    const once = async () => { bytes = renderReportHtml(await buildReport(db.connection, report!, [], context)).length; };
    await once(); // warm-up: DuckDB's first scan of a cold file is not what a repeated report costs
    const times: number[] = [];
    const peak = await withPeakRss(async () => { for (let i = 0; i < runs; i++) times.push(await timeMs(once)); });
    const value = median(times);
    return { family: 'report', name, incidents, hindsight: ms(value), baseline: null, ratio: null, goal: `≤ ${REPORT_BUDGET_MS / 1000} s at ${count(GOAL_SIZE)}`, status: judged(incidents, value <= REPORT_BUDGET_MS),
      note: `${report!.label}, ${(bytes / 1024).toFixed(0)} KiB of HTML; peak RSS growth ${peak.toFixed(0)} MiB; median of ${runs} runs after a warm-up` };
  } finally {
    db.close();
  }
}

async function emailFigure(incidents: number, runs: number, name: string): Promise<Figure> {
  const { db, windows, context } = await setup(incidents);
  try {
    const config = parseConfig(`smtp: { host: 127.0.0.1, secure: none, from: "Hindsight <h@example.com>" }
schedules:
  - { name: bench, cron: "0 8 1 * *", period: previous-month, to: [cto@example.com] }
`, null);
    const schedule = config.schedules[0]!;
    const period = periodBefore('previous-month', windows.now, 'UTC');
    let images = 0;
    const once = async () => {
      const message = await buildMessage({ connection: db.connection, targets: [], baseUrl: null, chromium: '', context: () => context }, schedule, period);
      images = message.email.images.length;
    };
    await once();
    const times: number[] = [];
    const peak = await withPeakRss(async () => { for (let i = 0; i < runs; i++) times.push(await timeMs(once)); });
    const value = median(times);
    return { family: 'report', name, incidents, hindsight: ms(value), baseline: null, ratio: null, goal: `≤ ${EMAIL_BUDGET_MS / 1000} s at ${count(GOAL_SIZE)}`, status: judged(incidents, value <= EMAIL_BUDGET_MS),
      note: `${period.key}, ${images} PNG charts; peak RSS growth ${peak.toFixed(0)} MiB; median of ${runs} runs after a warm-up` };
  } finally {
    db.close();
  }
}

async function csvFigure(incidents: number, runs: number, name: string): Promise<Figure> {
  const { db, context } = await setup(incidents);
  const out = join(RUN_DIR, `export-${incidents}.csv`);
  try {
    const { plan, errors } = planExport({ format: 'csv', filter: [], include_drills: true }, context);
    if (!plan) throw new Error(errors.join(' '));
    const rates: number[] = [];
    let peak = 0;
    let rows = 0;
    let bytes = 0;
    for (let i = 0; i <= runs; i++) {
      global.gc?.();
      const base = process.memoryUsage().rss;
      let high = base;
      const sampler = setInterval(() => { high = Math.max(high, process.memoryUsage().rss); }, 20);
      const took = await timeMs(async () => { rows = await exportToFile(db, plan, out); });
      clearInterval(sampler);
      bytes = statSync(out).size;
      if (i > 0) { // the first run warms the file cache and is not counted
        rates.push(bytes / 1e6 / (took / 1000));
        peak = Math.max(peak, toMiB(high - base));
      }
    }
    const rate = median(rates);
    const pass = rate >= CSV_BUDGET_MB_S && peak <= CSV_MEMORY_MIB;
    return {
      family: 'report', name, incidents, hindsight: null, baseline: null, ratio: { value: rate, text: `${rate.toFixed(0)} MB/s` },
      goal: `≥ ${CSV_BUDGET_MB_S} MB/s, peak RSS growth ≤ ${CSV_MEMORY_MIB} MiB at ${count(GOAL_SIZE)}`, status: judged(incidents, pass),
      note: `${count(rows)} rows, ${(bytes / 1e6).toFixed(0)} MB; peak RSS growth ${peak.toFixed(0)} MiB while streaming; median of ${runs} runs`,
    };
  } finally {
    db.close();
    try { unlinkSync(out); } catch { /* the export may have failed before creating it; its error is the figure's */ }
  }
}
