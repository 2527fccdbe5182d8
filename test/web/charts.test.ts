// SVG snapshot tests of the dashboard's chart functions (web/src/charts), rendered with
// linkedom exactly as the server would render them for emails, plus hand counts of the marks
// so a snapshot can never bless a chart that lost a point or drew a small n as solid.
process.env.TZ = 'UTC';

import { describe, expect, it } from 'vitest';
import { barChart } from '../../web/src/charts/bar-chart.ts';
import { bins, cdf, histogram } from '../../web/src/charts/distribution.ts';
import { durationTicks, heatmap } from '../../web/src/charts/heatmap.ts';
import { lineChart } from '../../web/src/charts/line-chart.ts';
import type { SeriesPoint } from '../../web/src/charts/series.ts';
import { topSeries } from '../../web/src/charts/series.ts';
import { severityMix } from '../../web/src/charts/severity-mix.ts';
import { categoryTicks } from '../../web/src/charts/scales.ts';
import { sparkline } from '../../web/src/charts/sparkline.ts';
import { survivalChart } from '../../web/src/charts/survival.ts';
import { expectSnapshot, newDocument, random } from './svg-snapshot.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, i, 1)).toISOString().slice(0, 10));

/** 12 months × SEV1..SEV3; SEV2 has no value in April (n = 0) and SEV1 has small n. */
function points(): SeriesPoint[] {
  const next = random(42);
  return MONTHS.flatMap((x) => ['SEV1', 'SEV2', 'SEV3'].map((series) => {
    const n = series === 'SEV1' ? 1 + Math.floor(next() * 6) : 8 + Math.floor(next() * 30);
    if (series === 'SEV2' && x === '2026-04-01') return { x, series, facet: '', value: null, n: 0 };
    const base = { SEV1: 3600, SEV2: 4 * 3600, SEV3: 86400 }[series]!;
    return { x, series, facet: '', value: Math.round(base * (0.5 + next())), n, href: `/incidents?x=${x}&s=${series}` };
  }));
}

const svgOf = (chart: Element) => (chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg')!);

describe('lineChart', () => {
  const data = points();
  const chart = lineChart(data, { width: 640, format: 'duration', label: 'MTTR (median)', document: newDocument() });
  it('matches its snapshot', () => expectSnapshot(chart, 'line-chart'));
  it('draws one circle per value, hollow below n = 5, each a link to its incidents', () => {
    const valued = data.filter((p) => p.value !== null);
    expect(chart.querySelectorAll('circle')).toHaveLength(valued.length);
    expect(chart.querySelectorAll('g.small-n circle')).toHaveLength(valued.filter((p) => p.n < 5).length);
    expect(chart.querySelectorAll('a')).toHaveLength(valued.length);
    expect(chart.querySelectorAll('g[aria-label="line"] path')).toHaveLength(3);
  });
});

describe('barChart', () => {
  const data = points().filter((p) => p.x >= '2026-07-01');
  const chart = barChart(data, { width: 640, format: 'duration', label: 'MTTR (median)', periods: true, document: newDocument() });
  it('matches its snapshot', () => expectSnapshot(chart, 'bar-chart'));
  it('draws one bar per value and marks small n', () => {
    const valued = data.filter((p) => p.value !== null);
    expect(chart.querySelectorAll('rect')).toHaveLength(valued.length);
    expect(chart.querySelectorAll('g.small-n rect')).toHaveLength(valued.filter((p) => p.n < 5).length);
  });
});

describe('bars and heatmap cells by week', () => {
  // Five Monday weeks of January 2026: labelled by month they would all read "Jan 2026" and
  // stack in one band.
  const weeks = ['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26'];
  const data: SeriesPoint[] = weeks.map((x, i) => ({ x, series: '', facet: '', value: 600 * (i + 1), n: 10 + i }));
  const labels = (chart: Element) => [...chart.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
  it('labels each week by its first day, one band each', () => {
    const chart = barChart(data, { width: 640, format: 'duration', label: 'MTTR (median)', periods: true, grain: 'week', document: newDocument() });
    expect(labels(chart)).toEqual(['29 Dec 2025', '5 Jan 2026', '12 Jan 2026', '19 Jan 2026', '26 Jan 2026']);
    const xs = [...chart.querySelectorAll('rect')].map((r) => r.getAttribute('x'));
    expect(new Set(xs).size).toBe(5);
  });
  it('gives the heatmap a column per week', () => {
    const chart = heatmap(data.map((p) => ({ ...p, series: 'SEV1' })), { width: 640, format: 'duration', label: 'MTTR (median)', periods: true, grain: 'week', document: newDocument() });
    expect(new Set([...chart.querySelectorAll('g.cells rect')].map((r) => r.getAttribute('x'))).size).toBe(5);
  });
});

describe('category labels that never overlap', () => {
  const weeks = (count: number) => Array.from({ length: count }, (_, i) => `${1 + (i % 28)} Jan 2026`);
  it('stay level while the widest fits its band', () => {
    const ticks = categoryTicks(weeks(5), 560, 11);
    expect(ticks.tickRotate).toBe(0);
    expect(weeks(5).map((label, i) => ticks.tickFormat(label, i))).toEqual(weeks(5));
  });
  it('turn 45° when they do not, all shown while turned ones clear each other', () => {
    // 26 weeks over 1,100 px: 42 px a band, "10 Jan 2026" needs ~75 px level, ~18 px turned.
    const ticks = categoryTicks(weeks(26), 1100, 11);
    expect(ticks.tickRotate).toBe(-45);
    expect(weeks(26).filter((label, i) => ticks.tickFormat(label, i) !== '')).toHaveLength(26);
  });
  it('show every k-th when even turned ones would touch', () => {
    // 80 weeks over 1,100 px: 13.75 px a band, 17.6 px needed: every 2nd label.
    const ticks = categoryTicks(weeks(80), 1100, 11);
    expect(ticks.tickRotate).toBe(-45);
    expect(weeks(80).map((label, i) => ticks.tickFormat(label, i)).filter(Boolean)).toHaveLength(40);
    expect(ticks.tickFormat('x', 1)).toBe('');
  });
});

describe('durationTicks (log legends)', () => {
  it('labels at most five round durations inside the range', () => {
    expect(durationTicks(1800, 5 * 86_400)).toEqual([3600, 4 * 3600, 12 * 3600, 86_400, 3 * 86_400]);
    expect(durationTicks(30, 100 * 86_400)).toEqual([60, 3600, 86_400, 30 * 86_400]);
  });
  it('falls back to the ends when fewer than two fall inside, and to nothing without values', () => {
    expect(durationTicks(4000, 10_000)).toEqual([4000, 10_000]);
    expect(durationTicks(7200, 7200)).toEqual([7200]);
    expect(durationTicks(Infinity, -Infinity)).toEqual([]);
  });
});

describe('heatmap', () => {
  const data = points();
  const chart = heatmap(data, { width: 640, format: 'duration', label: 'MTTR (median)', periods: true, document: newDocument() });
  it('matches its snapshot', () => expectSnapshot(svgOf(chart), 'heatmap'));
  it('draws one cell per value and leaves n = 0 empty', () => {
    expect(chart.querySelectorAll('g.cells rect')).toHaveLength(data.filter((p) => p.value !== null).length);
  });
});

describe('distribution', () => {
  const next = random(7);
  const values = Array.from({ length: 400 }, () => Math.round(Math.exp(8 + 1.5 * (next() + next() + next() - 1.5))));
  values.push(0);
  it('bins every value once (the maximum in the last bin)', () => {
    const b = bins([1, 2, 3, 4], 3);
    expect(b.map((x) => x.count)).toEqual([1, 1, 2]);
    expect(bins([5, 5], 30)).toEqual([{ x1: 5, x2: 6, count: 2 }]);
  });
  it('histogram matches its snapshot and counts every incident', () => {
    const chart = histogram(values, { width: 640, label: 'Time to resolve', document: newDocument() });
    expectSnapshot(chart, 'histogram');
    expect(chart.querySelectorAll('g.bins rect')).toHaveLength(30);
    expect(chart.getAttribute('aria-description')).toMatch(/401 incidents; 1 under one second/);
  });
  it('cdf matches its snapshot', () => {
    const chart = cdf(values, { width: 640, label: 'Time to resolve', document: newDocument() });
    expectSnapshot(chart, 'cdf');
    expect(chart.querySelectorAll('g.cdf path')).toHaveLength(1);
  });
});

describe('severityMix', () => {
  const next = random(3);
  const rows = MONTHS.flatMap((period) => ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((severity) => ({ period, severity, count: Math.floor(next() * 20) })));
  const chart = severityMix(rows, { width: 640, document: newDocument() });
  it('matches its snapshot', () => expectSnapshot(chart, 'severity-mix'));
  it('draws one segment per non-zero count', () => {
    expect(chart.querySelectorAll('g.mix rect')).toHaveLength(rows.filter((r) => r.count > 0).length);
  });
});

describe('sparkline and survival', () => {
  it('sparkline matches its snapshot and marks the last value', () => {
    const chart = sparkline(MONTHS.map((period, i) => ({ period, value: i === 3 ? null : 3600 + i * 300 })), { width: 200, format: 'duration', document: newDocument() });
    expectSnapshot(chart, 'sparkline');
    expect(chart.querySelectorAll('circle')).toHaveLength(1);
  });
  it('survival matches its snapshot: one step line per group, the median marked', () => {
    const step = (time: number, survival: number) => ({ time, survival, lower: Math.max(0, survival - 0.1), upper: Math.min(1, survival + 0.1) });
    const groups = [
      { label: 'SEV1', n: 4, censored: 0, median: 3600, steps: [step(600, 0.75), step(3600, 0.5), step(7200, 0.25), step(9000, 0)] },
      { label: 'SEV2', n: 3, censored: 1, median: null, steps: [step(7200, 0.67), step(86400, 0.67)] },
    ];
    const chart = survivalChart(groups, { width: 640, label: 'Time to resolve', document: newDocument() });
    expectSnapshot(chart, 'survival');
    expect(chart.querySelectorAll('g.survival path')).toHaveLength(2);
    expect(chart.querySelectorAll('circle')).toHaveLength(1);
  });
});

describe('topSeries', () => {
  it('keeps the largest series by n and names the rest', () => {
    const p = (series: string, n: number): SeriesPoint => ({ x: '2026-01-01', series, facet: '', value: 1, n });
    expect(topSeries([p('a', 1), p('b', 5), p('c', 3), p('b', 1)], 2)).toEqual({ keep: ['b', 'c'], hidden: ['a'] });
  });
});
