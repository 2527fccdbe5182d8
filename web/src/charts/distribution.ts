// The distribution of one duration metric over the incidents behind it: a histogram and an
// empirical CDF, both on a log time axis (durations are log-normal-ish: on a linear axis every
// incident but the slowest sits in the first bar). Pure: values (seconds) in, element out.
// Zero-second durations cannot sit on a log axis; they are drawn at one second and counted in
// the description so nothing disappears silently.
import * as Plot from '@observablehq/plot';
import { formatDuration, formatInteger } from '../lib/format.ts';
import { DURATION_TICKS, finishSvg } from './scales.ts';

export interface DistributionOptions {
  width: number;
  /** Default 300. */
  height?: number;
  /** Axis title, e.g. "Time to resolve". */
  label: string;
  document?: Document;
  /** Bar / line colour; default '#0072B2'. */
  color?: string;
  fontSize?: number;
  fontFamily?: string;
}

const FLOOR = 1;

function logTicks(values: readonly number[]) {
  const lo = Math.max(FLOOR, Math.min(...values));
  const hi = Math.max(...values);
  const ticks = [{ seconds: 1, label: '1s' }, { seconds: 10, label: '10s' }, ...DURATION_TICKS].filter((t) => t.seconds >= lo / 3 && t.seconds <= hi * 3);
  return ticks.filter((_, i) => ticks.length <= 9 || i % 2 === 0);
}

function xScale(values: readonly number[], label: string) {
  const ticks = logTicks(values);
  return {
    label: `${label} (log scale)`, ticks: ticks.map((t) => Math.log10(t.seconds)),
    tickFormat: (v: number) => ticks.find((t) => Math.abs(Math.log10(t.seconds) - v) < 1e-9)?.label ?? '',
  };
}

interface Bin {
  x1: number;
  x2: number;
  count: number;
}

/** Equal-width bins over [min, max] of `values` (log10 seconds); the last bin includes max. */
export function bins(values: readonly number[], count: number): Bin[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const width = hi > lo ? (hi - lo) / count : 1;
  const out: Bin[] = Array.from({ length: hi > lo ? count : 1 }, (_, i) => ({ x1: lo + i * width, x2: lo + (i + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(out.length - 1, Math.floor((v - lo) / width))]!.count++;
  return out;
}

export function histogram(values: readonly number[], options: DistributionOptions): SVGElement | HTMLElement {
  const { width, height = 300, document = globalThis.document, color = '#0072B2', fontSize = 11 } = options;
  const logs = values.map((v) => Math.log10(Math.max(v, FLOOR)));
  const zeros = values.filter((v) => v < FLOOR).length;
  const chart = Plot.plot({
    document, width, height, marginLeft: 56, marginBottom: 40,
    ariaLabel: `Histogram of ${options.label}`,
    ariaDescription: `${formatInteger(values.length)} incidents${zeros ? `; ${zeros} under one second drawn at one second` : ''}.`,
    x: xScale(values, options.label),
    y: { label: 'Incidents', grid: true },
    marks: [
      Plot.rectY(bins(logs, 30), {
        x1: 'x1', x2: 'x2', y: 'count', fill: color, inset: 0.5, className: 'bins',
        title: (b: Bin) => `${formatDuration(10 ** b.x1)} – ${formatDuration(10 ** b.x2)}: ${formatInteger(b.count)} incidents`,
      }),
      Plot.ruleY([0]),
    ],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}

export function cdf(values: readonly number[], options: DistributionOptions): SVGElement | HTMLElement {
  const { width, height = 300, document = globalThis.document, color = '#0072B2', fontSize = 11 } = options;
  const sorted = [...values].sort((a, b) => a - b);
  const points = sorted.map((v, i) => ({ x: Math.log10(Math.max(v, FLOOR)), y: (i + 1) / sorted.length, v }));
  const quartiles = [0.5, 0.9].map((q) => ({ q, v: sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0 }));
  const chart = Plot.plot({
    document, width, height, marginLeft: 56, marginBottom: 40,
    ariaLabel: `Cumulative distribution of ${options.label}`,
    x: xScale(values, options.label),
    y: { label: 'Share of incidents', grid: true, domain: [0, 1], tickFormat: (v: number) => `${Math.round(v * 100)}%` },
    marks: [
      Plot.lineY(points, { x: 'x', y: 'y', curve: 'step-after', stroke: color, strokeWidth: 1.75, className: 'cdf' }),
      Plot.ruleX(quartiles, { x: (d: { v: number }) => Math.log10(Math.max(d.v, FLOOR)), strokeDasharray: '4,3', stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.text(quartiles, {
        x: (d: { v: number }) => Math.log10(Math.max(d.v, FLOOR)), y: 0.04, dx: 4, textAnchor: 'start', fill: 'currentColor',
        text: (d: { q: number; v: number }) => `p${Math.round(d.q * 100)} ${formatDuration(d.v)}`,
      }),
    ],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}
