/**
 * Figure: syncing incidents from a vendor API (issue 6, "Speed"): a full `hindsight sync` of
 * 50,000 ServiceNow incidents from the local fake Table API on 127.0.0.1, page by page.
 * Reported: wall time, records/s, pages, peak RSS, and the share of wall time spent inside
 * Hindsight (the rest is waiting for the fake). Goal: the fake, not Hindsight, is the
 * bottleneck — Hindsight's share below 50%, judged at 50,000 (INFO at other sizes).
 *
 * The fake runs in its own process (sync-fake.ts) and each sync in another (sync-once.ts), so
 * peak RSS is the sync's alone and the two sides never share an event loop. Sizes: 50,000, or
 * the `--incidents` size when given (`--only sync --incidents 2000` is a quick smoke run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTsChild } from '../child.ts';
import { count, errorFigure, ms, type Figure } from '../figure.ts';
import { RUN_DIR } from '../fixtures.ts';
import { median } from '../measure.ts';
import type { BenchOptions } from '../options.ts';

export const SYNC_GOAL_SIZE = 50_000;
const GOAL_SHARE = 0.5;
const FAKE = fileURLToPath(new URL('./sync-fake.ts', import.meta.url));
const ONCE = fileURLToPath(new URL('./sync-once.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

interface Once {
  ms: number;
  waitMs: number;
  pages: number;
  requests: number;
  records: number;
  batches: number;
  stored: number;
  peakRssMiB: number;
  baseRssMiB: number;
}

/** 50,000, unless `--incidents` chose the size. */
export function syncSizes(options: Pick<BenchOptions, 'sizes' | 'argv'>): number[] {
  return options.argv.some((arg) => arg === '--incidents' || arg.startsWith('--incidents=')) ? options.sizes : [SYNC_GOAL_SIZE];
}

export async function syncFigures(sizes: number[], runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const records of sizes) {
    const name = 'Sync: ServiceNow Table API (local fake) → DuckDB file (hindsight sync, full)';
    try {
      figures.push(await syncFigure(records, runs, name));
    } catch (error) {
      figures.push(errorFigure('sync', name, records, error));
    }
  }
  return figures;
}

async function syncFigure(records: number, runs: number, name: string): Promise<Figure> {
  const fake = await startFakeChild(records);
  const results: Once[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      console.log(`sync ${count(records)}: ${run === 0 ? 'warm-up' : `run ${run}/${runs}`}`);
      const db = join(RUN_DIR, `sync-${process.pid}.duckdb`);
      const remove = () => [db, `${db}.wal`].forEach((file) => rmSync(file, { force: true }));
      remove();
      try {
        const once = await runTsChild<Once>(ONCE, [fake.url, db]);
        if (once.records !== records || once.stored !== records) {
          throw new Error(`expected ${records} records; the sync read ${once.records} and stored ${once.stored}`);
        }
        if (run > 0) results.push(once);
      } finally {
        remove();
      }
    }
  } finally {
    fake.stop();
  }
  const wall = median(results.map((r) => r.ms));
  const waiting = median(results.map((r) => r.waitMs));
  const share = median(results.map((r) => (r.ms - r.waitMs) / r.ms));
  const first = results[0]!;
  const peak = Math.max(...results.map((r) => r.peakRssMiB)).toFixed(0);
  const base = Math.max(...results.map((r) => r.baseRssMiB)).toFixed(0);
  const judged = records === SYNC_GOAL_SIZE;
  return {
    family: 'sync',
    name,
    incidents: records,
    hindsight: ms(wall),
    baseline: { label: 'of it waiting for the fake', measure: ms(waiting) },
    ratio: { value: share, text: `${(share * 100).toFixed(0)}% of wall time in Hindsight` },
    goal: `< ${GOAL_SHARE * 100}% of wall time in Hindsight (the fake is the bottleneck)${judged ? '' : `; judged at ${count(SYNC_GOAL_SIZE)}`}`,
    status: judged ? (share < GOAL_SHARE ? 'PASS' : 'FAIL') : 'INFO',
    note: `${Math.round(records / (wall / 1000)).toLocaleString('en-US')} records/s; ${count(first.pages)} pages of 100 (${count(first.requests)} requests), `
      + `${count(first.batches)} batch${first.batches === 1 ? '' : 'es'} of ≤ 1,000; the fake took ${(waiting / first.requests).toFixed(1)} ms a page; `
      + `peak RSS ${peak} MiB (~${base} MiB is Node + DuckDB before syncing)`,
  };
}

/** The fake vendor in its own process; resolves with its URL once it listens. */
function startFakeChild(records: number): Promise<{ url: string; stop(): void }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', TSX, FAKE, String(records)], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    const stop = () => {
      // Closing stdin asks it to close its server and exit; a kill is the fallback.
      child.stdin?.end();
      setTimeout(() => child.kill(), 5000).unref();
    };
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((text) => text.startsWith('{'));
      if (line && out.includes('\n')) {
        try {
          resolve({ url: (JSON.parse(line) as { url: string }).url, stop });
        } catch (error) {
          stop();
          reject(new Error(`sync-fake.ts printed no URL (got "${line.slice(0, 200)}")`, { cause: error }));
        }
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`sync-fake.ts exited with ${signal ?? `code ${code}`} before it listened`)));
  });
}
