// SVG snapshot test of the monthly MTTR trend chart, rendered server-side with linkedom, after
// Observable Plot's own test/plot-snapshot.js: normalise (numbers rounded to 2 decimals,
// generated class names and ids renumbered), compare with test/web/__snapshots__/mttr-trend.svg;
// a missing snapshot is written (check it by eye before committing); a mismatch writes
// mttr-trend-changed.svg beside it for a visual diff, and fails.
// Beside the snapshot, structural assertions hand-check the chart, so a snapshot can never bless
// a chart that lost a point or drew a small-n median as solid.
process.env.TZ = 'UTC'; // the vitest config pins it too; data below uses UTC dates only

import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { SEVERITY_COLORS, SMALL_N, mttrTrend, type TrendRow } from '../../web/src/charts/mttr-trend.ts';

const SNAPSHOT = fileURLToPath(new URL('./__snapshots__/mttr-trend.svg', import.meta.url));
const CHANGED = fileURLToPath(new URL('./__snapshots__/mttr-trend-changed.svg', import.meta.url));

function newDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** Seeded generator (mulberry32) so the fixture is the same on every machine. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 18 months (2025-06 .. 2026-11) of four severities, with the edge cases the chart must show:
 * SEV2 has no row for 2026-02 (a gap), SEV3 has a row with n = 0 and a null median (a gap, no
 * point), SEV4 appears only from 2026-03 on, and n < 5 occurs for every severity.
 */
function fixtureRows(): TrendRow[] {
  const next = random(20260101);
  const base: Record<string, number> = { SEV1: 2 * 3600, SEV2: 6 * 3600, SEV3: 20 * 3600, SEV4: 3 * 86400 };
  const rows: TrendRow[] = [];
  for (let i = 0; i < 18; i++) {
    const month = new Date(Date.UTC(2025, 5 + i, 1)).toISOString().slice(0, 10);
    for (const severity of ['SEV1', 'SEV2', 'SEV3', 'SEV4']) {
      if (severity === 'SEV2' && month === '2026-02-01') continue;
      if (severity === 'SEV4' && month < '2026-03-01') continue;
      if (severity === 'SEV3' && month === '2025-09-01') {
        rows.push({ period: month, severity, mttr_median: null, mttr_p90: null, mttr_mean: null, mttr_n: 0 });
        continue;
      }
      const n = 1 + Math.floor(next() * 14);
      const median = Math.round((base[severity] ?? 3600) * (0.5 + next()) * 10) / 10;
      rows.push({ period: month, severity, mttr_median: median, mttr_p90: median * 2.5, mttr_mean: median * 1.3, mttr_n: n });
    }
  }
  return rows;
}

/** Plot's snapshot normalisation, without js-beautify: one tag per line is enough for diffs. */
function normalizeSvg(root: Element): string {
  const uid = 'plot-d6a7b5'; // Plot's defaultClassName
  for (const node of [root, ...root.querySelectorAll('[class]')]) {
    const cls = node.getAttribute('class');
    if (cls) node.setAttribute('class', cls.replace(new RegExp(`\\b${uid}\\b`, 'g'), 'plot'));
  }
  for (const style of root.querySelectorAll('style')) {
    style.textContent = (style.textContent ?? '').replace(new RegExp(`[.]${uid}\\b`, 'g'), '.plot');
  }
  const ids = new Map<string, string>();
  for (const node of root.querySelectorAll('[id^="plot-"]')) {
    const id = node.getAttribute('id') as string;
    if (!ids.has(id)) ids.set(id, `plot-id-${ids.size + 1}`);
    node.setAttribute('id', ids.get(id) as string);
  }
  let html = root.outerHTML;
  for (const [from, to] of ids) html = html.replaceAll(`url(#${from})`, `url(#${to})`);
  return (
    html
      .replace(/-?\d+\.\d{3,}/g, (d) => String(+(+d).toFixed(2)))
      .replace(/></g, '>\n<') + '\n'
  );
}

function circles(root: Element): Element[] {
  return [...root.querySelectorAll('circle')];
}

describe('mttrTrend', () => {
  const rows = fixtureRows();
  const withMedian = rows.filter((r) => typeof r.mttr_median === 'number');
  const chart = mttrTrend(rows, { width: 720, height: 360, document: newDocument() });

  it('matches the saved SVG snapshot', () => {
    expect(chart.tagName.toLowerCase()).toBe('svg');
    const actual = normalizeSvg(chart);
    if (!existsSync(SNAPSHOT)) {
      writeFileSync(SNAPSHOT, actual, 'utf8');
      console.warn(`wrote new snapshot ${SNAPSHOT}; open it and check it by eye before committing`);
      return;
    }
    const expected = readFileSync(SNAPSHOT, 'utf8');
    if (actual !== expected) {
      writeFileSync(CHANGED, actual, 'utf8');
      throw new Error(`mttr-trend SVG differs from ${SNAPSHOT}; see ${CHANGED}. If the change is right, replace the snapshot with it.`);
    }
    if (process.env.CI !== 'true' && existsSync(CHANGED)) unlinkSync(CHANGED);
  });

  it('draws exactly one circle per row with a median', () => {
    expect(withMedian.length).toBeGreaterThan(40);
    expect(circles(chart)).toHaveLength(withMedian.length);
  });

  it('draws one line per severity, in its fixed colour', () => {
    const lines = [...chart.querySelectorAll('g[aria-label="line"] path')];
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.getAttribute('stroke')).sort()).toEqual([...SEVERITY_COLORS].sort());
  });

  it('breaks the line where a month has no median instead of drawing across it', () => {
    const sev2 = [...chart.querySelectorAll('g[aria-label="line"] path')].find((l) => l.getAttribute('stroke') === SEVERITY_COLORS[1]);
    const sev3 = [...chart.querySelectorAll('g[aria-label="line"] path')].find((l) => l.getAttribute('stroke') === SEVERITY_COLORS[2]);
    // A path starts with one M; each gap starts another.
    expect(sev2?.getAttribute('d')?.match(/M/g)).toHaveLength(2);
    expect(sev3?.getAttribute('d')?.match(/M/g)).toHaveLength(2);
  });

  it('draws medians with n < 5 hollow and the others solid', () => {
    const small = withMedian.filter((r) => (r.mttr_n as number) < SMALL_N);
    expect(small.length).toBeGreaterThan(0);
    const hollowGroup = chart.querySelector('g.small-n');
    expect(hollowGroup?.getAttribute('fill')).toBe('white');
    const hollow = [...chart.querySelectorAll('g.small-n circle')];
    expect(hollow).toHaveLength(small.length);
    for (const c of hollow) {
      expect(c.getAttribute('fill')).toBeNull(); // inherits the group's background fill
      expect(SEVERITY_COLORS).toContain(c.getAttribute('stroke'));
    }
    const solid = [...chart.querySelectorAll('g.enough-n circle')];
    expect(solid).toHaveLength(withMedian.length - small.length);
    for (const c of solid) expect(c.getAttribute('fill')).toBe(c.getAttribute('stroke'));
  });

  it('titles every point with severity, month, median and n', () => {
    const first = withMedian.find((r) => r.severity === 'SEV1' && r.period === '2025-06-01');
    const titles = circles(chart).map((c) => c.querySelector('title')?.textContent ?? '');
    expect(titles.every((t) => /n = \d+ incidents/.test(t))).toBe(true);
    expect(titles.some((t) => t.startsWith('SEV1 · Jun 2025\nMedian time to resolve: ') && t.includes(`n = ${first?.mttr_n} incidents`))).toBe(true);
  });

  it('keeps a severity in its colour when the others are absent', () => {
    const only = mttrTrend([{ period: '2026-01-01', severity: 'SEV3', mttr_median: 7200, mttr_n: 9 }], {
      width: 400,
      document: newDocument(),
    });
    expect(circles(only).map((c) => c.getAttribute('fill'))).toEqual([SEVERITY_COLORS[2]]);
  });

  it('renders an empty chart without points for no rows', () => {
    const empty = mttrTrend([], { width: 400, document: newDocument() });
    expect(circles(empty)).toHaveLength(0);
  });

  it('rejects a row whose period is not a date, naming the row', () => {
    expect(() => mttrTrend([{ period: 'Jan', severity: 'SEV1', mttr_median: 1, mttr_n: 1 }], { width: 400, document: newDocument() })).toThrow(/row 0/);
  });
});
