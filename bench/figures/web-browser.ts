/**
 * The dashboard measured in headless Chromium (Debian's /usr/bin/chromium, playwright-core)
 * against the real server (startServer, in this process) on a bench fixture database:
 * - overviewRender: ms from navigation start (the page's performance.now()) to the first
 *   animation frame where the Overview is rendered — every KPI tile and the targets panel out
 *   of `loading`, the three time charts drawn (data-state="ready": the SVG is in the page) and
 *   nothing on the page still loading. A panel in `error` fails the sample (a fast error page
 *   is not a render). Each sample is a fresh browser profile (first visit, no HTTP cache).
 *   `cold` is the very first visit after the server started (empty answer cache, DuckDB's
 *   buffers cold); the timed samples follow it on the warm server, as every later visitor sees it.
 *   A browser launched on a fresh profile spends its first 1–2 s setting that profile up (about
 *   1.5 s of CPU across its processes on this 2-core machine, measured from /proc), work a
 *   manager's already-running browser does not do when they open the dashboard. Navigating
 *   during it measured that start-up as much as the page (1.3 s against 0.65–0.7 s once the
 *   browser was idle, side by side), so each visit waits for the browser to go idle first
 *   (browserIdle); `launched` is one visit that navigates the moment the launch returns, reported
 *   beside it so that cost stays visible.
 * - scrollLongTasks: the incident list of every incident (drills included) loaded as Arrow,
 *   then scrolled in 20 steps to the end as a reader drags the scrollbar, each step waiting for
 *   its rows; every long task (PerformanceObserver 'longtask': main-thread work over 50 ms)
 *   seen from the first step to 300 ms after the last row is in is recorded. Loading the list
 *   is not scrolling, so the observer starts once the table is ready.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/serve.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_INSTALL = "sudo sh -c 'apt-get update && apt-get install -y chromium'";
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
/** The Overview's panels that must be drawn (ChartBox / MttrTrendPanel data-state="ready"). */
const CHARTS = ['overview-trend', 'mttr-trend', 'severity-mix'] as const;
const TILES = ['kpi-mtta', 'kpi-mttr', 'kpi-incidents', 'kpi-reopen', 'kpi-review_coverage', 'kpi-escalation', 'kpi-targets'] as const;

export const chromiumPresent = (): boolean => existsSync(CHROMIUM);

export async function withServer<T>(dbPath: string, action: (server: RunningServer) => Promise<T>): Promise<T> {
  // rememberQuestions off: the cold visit times a server with nothing to warm at start.
  const server = await startServer({ dbPath, port: 0, demo: false, rememberQuestions: false, log: { info: () => {}, error: (m) => console.error(`server: ${m}`) } });
  try {
    return await action(server);
  } finally {
    await server.close();
  }
}

/** Kernel clock ticks per second in /proc/<pid>/stat (USER_HZ: 100 on every Linux build in use). */
const TICKS_PER_SECOND = 100;
const IDLE_WINDOW_MS = 250;
/** CPU ticks (10 ms each) all of the browser's processes may use in one window and count as idle. */
const IDLE_TICKS = 2;
const IDLE_TIMEOUT_MS = 20_000;

/** CPU ticks used so far by the Chromium running on `profile` and all its descendants; null without /proc. */
function browserTicks(profile: string): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  const roots: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let stat: string;
    let cmdline: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // the process ended between the listing and the read: it no longer uses CPU
    }
    // Fields after the command name (which may hold spaces): state ppid … utime(12th) stime(13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(pid, Number(fields[1]));
    ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    if (cmdline.includes(`--user-data-dir=${profile}\0`)) roots.push(pid);
  }
  let sum = 0;
  for (const [pid, used] of ticks) {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) {
      if (roots.includes(at)) {
        sum += used;
        break;
      }
    }
  }
  return sum;
}

/**
 * Waits until the browser on `profile` has used at most IDLE_TICKS of CPU in each of two
 * consecutive IDLE_WINDOW_MS windows (its start-up work done). Without /proc it waits a fixed
 * 3 s, the longest start-up seen here. Returns whether it went idle within IDLE_TIMEOUT_MS.
 */
async function browserIdle(profile: string): Promise<boolean> {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  if (browserTicks(profile) === null) {
    await sleep(3000);
    return true;
  }
  const started = Date.now();
  let quiet = 0;
  let before = browserTicks(profile)!;
  while (Date.now() - started < IDLE_TIMEOUT_MS) {
    await sleep(IDLE_WINDOW_MS);
    const now = browserTicks(profile)!;
    quiet = now - before <= IDLE_TICKS ? quiet + 1 : 0;
    before = now;
    if (quiet === 2) return true;
  }
  return false;
}

/**
 * One fresh browser profile; `settle` (default) waits for the launched browser to go idle
 * before `action` (browserIdle); a browser still busy after IDLE_TIMEOUT_MS fails the sample.
 */
async function withPage<T>(action: (page: Page, context: BrowserContext) => Promise<T>, settle = true): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'hindsight-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' });
  try {
    if (settle && !(await browserIdle(profile))) throw new Error(`Chromium was still busy ${IDLE_TIMEOUT_MS / 1000} s after its launch; the machine is too loaded to time a page`);
    return await action(context.pages()[0] ?? (await context.newPage()), context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** One visit: ms from navigation start to the Overview fully rendered. */
async function overviewOnce(server: RunningServer, settle = true): Promise<number> {
  return withPage(async (page) => {
    await page.goto(server.url, { waitUntil: 'commit' });
    // Polled every animation frame, so the time read is within a frame of the last panel appearing.
    // (No named functions inside: the page cannot see the helpers tsx adds around them.)
    const handle = await page.waitForFunction(
      ({ charts, tiles }) => {
        const states: Record<string, string> = {};
        for (const id of [...charts, ...tiles]) states[id] = document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') ?? 'missing';
        const failed = Object.keys(states).filter((id) => states[id] === 'error');
        if (failed.length) return { error: failed.join(', ') };
        const drawn = charts.every((id) => states[id] === 'ready');
        const tilesDone = tiles.every((id) => states[id] === 'ready' || states[id] === 'empty');
        return drawn && tilesDone && !document.querySelector('[data-state="loading"]') ? { at: performance.now() } : false;
      },
      { charts: [...CHARTS], tiles: [...TILES] },
      { polling: 'raf', timeout: 120_000 },
    );
    const result = (await handle.jsonValue()) as { at?: number; error?: string };
    if (result.error) throw new Error(`the Overview showed an error in ${result.error}`);
    return result.at!;
  }, settle);
}

export interface OverviewTimes {
  /** The first visit after the server started. */
  cold: number;
  /** Each later visit (fresh profile, idle browser, warm server). */
  warm: number[];
  /** One more warm visit that navigates the moment the browser's launch returns. */
  launched: number;
}

export async function overviewRender(dbPath: string, runs: number): Promise<OverviewTimes> {
  return withServer(dbPath, async (server) => {
    const cold = await overviewOnce(server);
    const warm: number[] = [];
    for (let run = 0; run < runs; run++) warm.push(await overviewOnce(server));
    const launched = await overviewOnce(server, false);
    return { cold, warm, launched };
  });
}

export interface ScrollSample {
  rows: number;
  /** Durations (ms) of the long tasks seen while scrolling. */
  longTasks: number[];
}

/** Loads /incidents?drills=1 (every incident) and scrolls it to the last row `runs` times, a fresh profile each. */
export async function scrollLongTasks(dbPath: string, runs: number): Promise<ScrollSample[]> {
  return withServer(dbPath, async (server) => {
    const samples: ScrollSample[] = [];
    for (let run = 0; run < runs; run++) {
      samples.push(await withPage(async (page) => {
        await page.goto(`${server.url}/incidents?drills=1`);
        await page.waitForFunction(() => document.querySelector('[data-testid="incident-table"]')?.getAttribute('data-state') === 'ready', undefined, { timeout: 180_000 });
        const table = page.getByTestId('incident-table');
        const rows = Number(await table.getAttribute('data-rows'));
        const expected = Number(await table.getAttribute('data-expected'));
        if (rows !== expected || rows === 0) throw new Error(`the incident list holds ${rows} rows, the server said ${expected}`);
        await page.evaluate(() => {
          const w = window as unknown as { longTasks: number[] };
          w.longTasks = [];
          new PerformanceObserver((list) => { for (const entry of list.getEntries()) w.longTasks.push(entry.duration); }).observe({ type: 'longtask' });
        });
        const scroller = page.getByTestId('incident-scroller');
        for (let step = 1; step <= 20; step++) {
          await scroller.evaluate((el, f) => { el.scrollTop = el.scrollHeight * f; }, step / 20);
          // Each step waits for a row near the new position, read from the row height the table draws.
          await page.waitForFunction(({ f, last }) => {
            const el = document.querySelector('[data-testid="incident-scroller"]')!;
            const row = el.querySelector('[data-row]') as HTMLElement | null;
            const height = row?.getBoundingClientRect().height || 34;
            const want = Math.min(Math.floor((el.scrollHeight * f) / height), last);
            return !!el.querySelector(`[data-row="${Math.max(0, want - 1)}"]`);
          }, { f: step / 20, last: rows - 1 }, { timeout: 30_000 });
        }
        await page.locator(`[data-row="${rows - 1}"]`).waitFor({ timeout: 30_000 });
        await page.waitForTimeout(300); // a long task is reported after it ends
        const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
        return { rows, longTasks };
      }));
    }
    return samples;
  });
}

/** The binary's version (a persistent context has no Browser object to ask). */
export async function chromiumVersion(): Promise<string> {
  const { spawnSync } = await import('node:child_process');
  return spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
}
