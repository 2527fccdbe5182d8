// Interval bands and process-change annotations on the time-axis charts (web/src/charts),
// rendered with linkedom as the server renders them: SVG snapshots plus hand checks of the
// geometry — a band's y extent is exactly the interval bounds it was given, a median without an
// interval gets a band over the whole axis, a rule sits at its date (or inside the bar of its
// period at the share of the period gone), and charts without these inputs are unchanged.
process.env.TZ = 'UTC';

import { describe, expect, it } from 'vitest';
import { barChart } from '../../web/src/charts/bar-chart.ts';
import { lineChart } from '../../web/src/charts/line-chart.ts';
import { mttrTrend, type TrendRow } from '../../web/src/charts/mttr-trend.ts';
import type { SeriesPoint } from '../../web/src/charts/series.ts';
import { severityMix } from '../../web/src/charts/severity-mix.ts';
import { expectSnapshot, newDocument } from './svg-snapshot.ts';

const H = 3600;
const D = 86400;
const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, i, 1)).toISOString().slice(0, 10));
const svgOf = (chart: Element) => (chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg')!);
const num = (el: Element, name: string) => Number(el.getAttribute(name));
type Scaled = Element & { scale(name: string): { domain: unknown[]; range: number[]; bandwidth?: number; apply(v: unknown): number } };
/** Plot's figure or svg, with the scales it was drawn with (Plot's `chart.scale(name)`). */
const scaled = (chart: Element) => chart as unknown as Scaled;

/**
 * One series over 12 months. Bounds are chosen on the axis's own ticks, so the axis is exactly
 * [1 h, 1 d] and every pixel below can be worked out by hand. April has n = 3 and no interval
 * (null bounds): it must look uncertain. July has no value at all (n = 0).
 */
function points(): SeriesPoint[] {
  return MONTHS.map((x, i): SeriesPoint => {
    if (x === '2026-04-01') return { x, series: 'MTTR', facet: '', value: 4 * H, n: 3, low: null, high: null };
    if (x === '2026-07-01') return { x, series: 'MTTR', facet: '', value: null, n: 0, low: null, high: null };
    return { x, series: 'MTTR', facet: '', value: 4 * H, n: 20 + i, low: i === 0 ? 1 * H : 2 * H, high: i === 0 ? 1 * D : 8 * H };
  });
}

describe('lineChart with intervals', () => {
  const data = points();
  const chart = scaled(lineChart(data, { width: 640, format: 'duration', label: 'MTTR (median)', document: newDocument(), nLabels: 'small' }));

  it('matches its snapshot', () => expectSnapshot(chart, 'line-chart-bands'));

  it('draws each band from exactly the low to the high bound on the axis', () => {
    // Axis: log10 seconds over [1 h, 1 d], drawn from y = 300 − 36 = 264 (bottom) up to y = 16 (top).
    const y = chart.scale('y');
    expect(y.domain.map((v) => +(v as number).toFixed(4))).toEqual([+Math.log10(H).toFixed(4), +Math.log10(D).toFixed(4)]);
    expect(y.range).toEqual([264, 16]);
    // By hand: 2 h sits log(2)/log(24) = 0.2181 of the way up: 264 − 0.2181 × 248 = 209.91;
    // 8 h sits log(8)/log(24) = 0.6543 up: 264 − 162.27 = 101.73.
    const bands = [...chart.querySelectorAll('g.interval line')];
    expect(bands).toHaveLength(10); // 12 months less April (no interval) and July (no value)
    // Each band also has its thin full-colour line over exactly the same extent (contrast).
    const lines = [...chart.querySelectorAll('g.interval-line line')];
    expect(lines.map((l) => [num(l, 'y1'), num(l, 'y2')])).toEqual(bands.map((b) => [num(b, 'y1'), num(b, 'y2')]));
    // It lets the pointer through to the band, whose title it would only repeat.
    expect(chart.querySelector('g.interval-line')!.getAttribute('pointer-events')).toBe('none');
    expect(chart.querySelectorAll('g.interval-line title')).toHaveLength(0);
    expect(chart.querySelectorAll('g.interval title')).toHaveLength(10);
    const [jan, ...rest] = bands;
    expect([num(jan!, 'y1'), num(jan!, 'y2')]).toEqual([264, 16]); // January: 1 h .. 1 d, the whole axis
    for (const band of rest) {
      expect(num(band, 'y1')).toBeCloseTo(209.91, 1);
      expect(num(band, 'y2')).toBeCloseTo(101.73, 1);
    }
  });

  it('gives a period without an interval a dashed band over the whole axis, a hollow point and its n', () => {
    const unbounded = [...chart.querySelectorAll('g.interval-unbounded line')];
    expect(unbounded).toHaveLength(1);
    expect([num(unbounded[0]!, 'y1'), num(unbounded[0]!, 'y2')]).toEqual([264, 16]);
    expect(unbounded[0]!.closest('g')!.getAttribute('stroke-dasharray')).toBe('2,3');
    expect(chart.querySelectorAll('g.small-n circle')).toHaveLength(1);
    expect([...chart.querySelectorAll('g.n-label text')].map((t) => t.textContent)).toEqual(['n=3']);
    expect(chart.querySelector('g.interval-unbounded title')?.textContent).toMatch(/Too few values for a 95% interval/);
  });

  it('is unchanged without intervals, annotations or n labels', () => {
    const plain = lineChart(data.map(({ low: _l, high: _h, ...p }) => p), { width: 640, format: 'duration', label: 'MTTR (median)', document: newDocument() });
    expect(plain.querySelectorAll('g.interval, g.interval-unbounded, g.n-label, g.annotations')).toHaveLength(0);
  });
});

describe('mttrTrend with intervals', () => {
  // Two severities over three months; SEV1 in February has n = 4 and no interval.
  const rows: TrendRow[] = [
    { period: '2026-01-01', severity: 'SEV1', mttr_median: 2 * H, mttr_n: 9, mttr_ci_low: 1 * H, mttr_ci_high: 4 * H },
    { period: '2026-01-01', severity: 'SEV2', mttr_median: 8 * H, mttr_n: 30, mttr_ci_low: 4 * H, mttr_ci_high: 1 * D },
    { period: '2026-02-01', severity: 'SEV1', mttr_median: 2 * H, mttr_n: 4, mttr_ci_low: null, mttr_ci_high: null },
    { period: '2026-02-01', severity: 'SEV2', mttr_median: 8 * H, mttr_n: 25, mttr_ci_low: 4 * H, mttr_ci_high: 1 * D },
    { period: '2026-03-01', severity: 'SEV1', mttr_median: 2 * H, mttr_n: 12, mttr_ci_low: 1 * H, mttr_ci_high: 4 * H },
    { period: '2026-03-01', severity: 'SEV2', mttr_median: null, mttr_n: 0, mttr_ci_low: null, mttr_ci_high: null },
  ];
  const chart = scaled(mttrTrend(rows, { width: 640, height: 360, document: newDocument(), nLabels: 'small', annotations: [{ date: '2026-02-15', label: 'Runbook v2' }] }));

  it('matches its snapshot', () => expectSnapshot(chart, 'mttr-trend-bands'));

  it('bands each median with its bounds, still one circle per median', () => {
    const y = chart.scale('y');
    const at = (seconds: number) => y.apply(Math.log10(seconds));
    const bands = [...chart.querySelectorAll('g.interval line')].map((l) => [num(l, 'y1'), num(l, 'y2')]);
    // SEV1 Jan and Mar (1 h .. 4 h), SEV2 Jan and Feb (4 h .. 1 d), in severity order.
    const want = [[at(H), at(4 * H)], [at(H), at(4 * H)], [at(4 * H), at(D)], [at(4 * H), at(D)]].map((pair) => pair.map((v) => +v.toFixed(2)));
    expect(bands.map((pair) => pair.map((v) => +v.toFixed(2)))).toEqual(want);
    // The whole axis for SEV1 in February (n = 4, no interval): the axis is [1 h, 1 d].
    const unbounded = [...chart.querySelectorAll('g.interval-unbounded line')];
    expect(unbounded.map((l) => [num(l, 'y1'), num(l, 'y2')].map((v) => +v.toFixed(2)))).toEqual([[at(H), at(D)].map((v) => +v.toFixed(2))]);
    expect(chart.querySelectorAll('circle')).toHaveLength(5);
    expect([...chart.querySelectorAll('g.n-label text')].map((t) => t.textContent)).toEqual(['n=4']);
  });

  it('draws the annotation at its date', () => {
    const x = chart.scale('x');
    const rule = chart.querySelector('g.annotation line')!;
    expect(num(rule, 'x1')).toBeCloseTo(x.apply(new Date(Date.UTC(2026, 1, 15))), 1);
    expect(chart.querySelector('g.annotation text')!.textContent).toBe('Runbook v2');
  });
});

describe('annotations on time axes', () => {
  const annotations = [
    { date: '2026-03-02', label: 'SEV1 paging moved to follow-the-sun rota' },
    { date: '2026-03-20', label: 'New runbook' },
    { date: '2025-06-01', label: 'Before the data: not drawn' },
    { date: '2027-02-01', label: 'After the data: not drawn' },
  ];

  it('line chart: a labelled rule at each date inside the periods, on the first free label row', () => {
    const chart = scaled(lineChart(points(), { width: 640, format: 'duration', label: 'MTTR (median)', document: newDocument(), annotations }));
    expectSnapshot(chart, 'line-chart-annotations');
    const rules = [...chart.querySelectorAll('g.annotation')];
    expect(rules.map((g) => g.getAttribute('aria-label'))).toEqual([
      'Process change 2026-03-02: SEV1 paging moved to follow-the-sun rota',
      'Process change 2026-03-20: New runbook',
    ]);
    // x: 1 Jan → 1 Dec 2026 (334 days) over 56 … 624 px. 2 March is day 60: 56 + 60/334 × 568 = 158.04.
    const x = chart.scale('x');
    expect(x.range).toEqual([56, 624]);
    expect(num(rules[0]!.querySelector('line')!, 'x1')).toBeCloseTo(158.04, 1);
    // The labels would collide (18 days apart), so the second goes on the next row down.
    const [first, second] = rules.map((g) => num(g.querySelector('text')!, 'y'));
    expect(second!).toBeGreaterThan(first!);
    expect(rules[0]!.querySelector('text')!.textContent).toBe('SEV1 paging moved to follow-the…');
    expect(rules[0]!.querySelector('title')!.textContent).toBe('2026-03-02: SEV1 paging moved to follow-the-sun rota');
    // The rule runs to the bottom of the plot (the chart grew by the label rows at the top).
    expect(num(rules[0]!.querySelector('line')!, 'y2')).toBe(num(chart, 'height') - 36);
  });

  it('severity mix: inside the bar of the month, at the share of the month gone', () => {
    const rows = MONTHS.slice(0, 6).flatMap((period) => ['SEV1', 'SEV2'].map((severity, i) => ({ period, severity, count: 5 + i })));
    const chart = scaled(severityMix(rows, { width: 640, document: newDocument(), annotations }));
    expectSnapshot(svgOf(chart), 'severity-mix-annotations');
    const x = chart.scale('x');
    const march = x.apply(new Date(Date.UTC(2026, 2, 1)));
    const rule = chart.querySelectorAll('g.annotation line');
    expect(rule).toHaveLength(2);
    // 2 March: 1 day of 31 gone; 20 March: 19 of 31.
    expect(num(rule[0]!, 'x1')).toBeCloseTo(march + (1 / 31) * x.bandwidth!, 1);
    expect(num(rule[1]!, 'x1')).toBeCloseTo(march + (19 / 31) * x.bandwidth!, 1);
  });

  it('grouped bars: inside the group of the period (fx), and none on bars that are not periods', () => {
    const data = MONTHS.slice(0, 4).flatMap((x) => ['A', 'B'].map((series) => ({ x, series, facet: '', value: 2 * H, n: 10 })));
    const chart = scaled(barChart(data, { width: 640, format: 'duration', label: 'MTTR', periods: true, document: newDocument(), annotations }));
    expectSnapshot(chart, 'bar-chart-annotations');
    const fx = chart.scale('fx');
    const march = fx.apply('Mar 2026');
    expect(num(chart.querySelector('g.annotation line')!, 'x1')).toBeCloseTo(march + (1 / 31) * fx.bandwidth!, 1);
    const categories = barChart(data.map((p) => ({ ...p, x: 'payments' })), { width: 640, format: 'duration', label: 'MTTR', document: newDocument(), annotations });
    expect(categories.querySelectorAll('g.annotation')).toHaveLength(0);
  });
});
