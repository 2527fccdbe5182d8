/**
 * Figure 4, web: the dashboard's JS bundle size gzipped (web/dist/assets/*.js after
 * ensureWebBuilt(), zlib gzip at its default level, as a server or CDN would send it), and the
 * Overview's first render in headless Chromium against the real server on the smallest
 * fixture: the page's performance.now() (ms since navigation start) at the first animation
 * frame where the MTTR trend chart is ready ([data-testid="mttr-trend"][data-state="ready"]).
 * Every render sample is a fresh browser profile: a first visit, no HTTP cache. The server is
 * warm (the warm-up sample filled its answer cache), as it is for every visitor but the first.
 * Issue 9 sets no budgets here yet: INFO, "no budget yet".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../../server/serve.ts';
import { ensureWebBuilt } from '../../web/build-if-needed.ts';
import { errorFigure, type Figure } from '../figure.ts';
import { ensureHindsightDb } from '../fixtures.ts';
import { median } from '../measure.ts';

const ASSETS = new URL('../../web/dist/assets/', import.meta.url);
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_INSTALL = "sudo sh -c 'apt-get update && apt-get install -y chromium'";
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const READY = '[data-testid="mttr-trend"][data-state="ready"]';
const NO_BUDGET = 'no budget yet';

export async function webFigures(incidents: number, runs: number): Promise<{ figures: Figure[]; chromium: string | null }> {
  const figures: Figure[] = [];
  try {
    await ensureWebBuilt();
    figures.push(bundleFigure());
  } catch (error) {
    figures.push(errorFigure('web', 'JS bundle (gzip)', null, error));
    return { figures, chromium: null }; // no bundle, nothing to render
  }
  const name = 'Overview first render in headless Chromium (trend chart ready)';
  if (!existsSync(CHROMIUM)) {
    figures.push({ family: 'web', name, incidents, hindsight: null, baseline: null, ratio: null, goal: NO_BUDGET, status: 'SKIPPED',
      note: `skipped: Chromium not installed at ${CHROMIUM}; install it with: ${CHROMIUM_INSTALL}` });
    return { figures, chromium: null };
  }
  try {
    const { ms, marks, version } = await firstRender(incidents, runs);
    figures.push({ family: 'web', name, incidents, hindsight: { value: ms, unit: 'ms' }, baseline: null, ratio: null, goal: NO_BUDGET,
      status: 'INFO', note: `fresh profile per sample; ${marks.length ? `page marks: ${marks.join(', ')}` : 'the page sets no performance marks yet'}` });
    return { figures, chromium: version };
  } catch (error) {
    figures.push(errorFigure('web', name, incidents, error));
    return { figures, chromium: null };
  }
}

function bundleFigure(): Figure {
  const files = readdirSync(ASSETS).filter((file) => file.endsWith('.js'));
  if (files.length === 0) throw new Error('web/dist/assets holds no .js file after the build.');
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = readFileSync(new URL(file, ASSETS));
    raw += bytes.length;
    gzipped += gzipSync(bytes).length;
  }
  return { family: 'web', name: 'JS bundle (gzip)', incidents: null, hindsight: { value: gzipped / 1024, unit: 'KiB' }, baseline: null,
    ratio: null, goal: NO_BUDGET, status: 'INFO', note: `${files.length} file(s), ${(raw / 1024).toFixed(1)} KiB before gzip` };
}

async function firstRender(incidents: number, runs: number): Promise<{ ms: number; marks: string[]; version: string }> {
  const server = await startServer({ dbPath: await ensureHindsightDb(incidents), port: 0, demo: false, log: { info: () => {}, error: console.error } });
  try {
    const samples: number[] = [];
    let marks: string[] = [];
    for (let run = 0; run <= runs; run++) {
      const profile = mkdtempSync(join(tmpdir(), 'hindsight-bench-chromium-'));
      const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(server.url, { waitUntil: 'commit' });
        // Polled every animation frame, so the time read is within a frame of the chart appearing.
        const ready = await page.waitForFunction(
          (selector) => (document.querySelector(selector) ? performance.now() : false), READY, { polling: 'raf', timeout: 60_000 });
        const at = (await ready.jsonValue()) as number;
        // Let every panel settle before the browser goes: the server must not be closed (at
        // the end) with a query still running, which aborts the process natively.
        await page.waitForFunction(() => !document.querySelector('[data-state="loading"]'), undefined, { timeout: 60_000 });
        marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${m.startTime.toFixed(0)} ms`));
        if (run > 0) samples.push(at); // run 0: warm-up (Chromium's own first start, the server's first queries)
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
    // A persistent context has no Browser object to ask, so the binary tells its version.
    const version = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
    return { ms: median(samples), marks, version };
  } finally {
    await server.close();
  }
}
