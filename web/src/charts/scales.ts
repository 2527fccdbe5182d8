// Shared pieces of the chart functions: the value axis for each declared format, the series
// palette, category labels that never overlap, and SVG finishing. Pure.
// Durations are drawn on a log scale done by hand (y = log10 seconds on a linear scale), with
// ticks people say out loud (5m, 1h, 2d): Plot's own log scale blanks most tick labels and
// prints SI prefixes ("20m" meaning 0.02), which reads as minutes. Values under a minute are
// drawn at one minute; titles keep the exact value.
import { formatDuration, formatValue, type ValueFormat } from '../lib/format.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Series colours: Okabe–Ito, with yellow and sky blue swapped for darker tones so every colour
 * has at least 3:1 against white (WCAG 1.4.11). The dashboard passes CSS variables per theme.
 */
export const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8F6A00', '#5B4B9A', '#6E6E6E'] as const;
/** The dashboard's theme-aware version of SERIES_COLORS (app.css defines them). */
export const SERIES_VARS = SERIES_COLORS.map((_, i) => `var(--series-${i + 1})`);

const FLOOR_SECONDS = 60;
const M = 60;
const H = 60 * M;
const D = 24 * H;
export const DURATION_TICKS: ReadonlyArray<{ seconds: number; label: string }> = [
  [M, '1m'], [5 * M, '5m'], [15 * M, '15m'], [30 * M, '30m'], [H, '1h'], [2 * H, '2h'], [4 * H, '4h'],
  [8 * H, '8h'], [D, '1d'], [2 * D, '2d'], [4 * D, '4d'], [7 * D, '7d'], [14 * D, '14d'], [30 * D, '30d'],
  [60 * D, '60d'], [90 * D, '90d'], [180 * D, '180d'], [365 * D, '365d'],
].map(([seconds, label]) => ({ seconds: seconds as number, label: label as string }));

/** [tick at or below the least value, tick at or above the greatest]; a fixed range when empty. */
export function durationDomain(values: readonly number[]): [number, number] {
  if (values.length === 0) return [15 * M, D];
  const lo = Math.max(FLOOR_SECONDS, Math.min(...values));
  const hi = Math.max(...values);
  const below = DURATION_TICKS.filter((t) => t.seconds <= lo).at(-1)?.seconds ?? lo;
  const above = DURATION_TICKS.find((t) => t.seconds >= hi && t.seconds > below)?.seconds ?? hi * 2;
  return [below, above];
}

/** The candidate ticks inside the domain, thinned to about one per two text lines of height. */
export function durationTicks([lo, hi]: [number, number], plotHeight: number, fontSize: number) {
  let ticks = DURATION_TICKS.filter((t) => t.seconds >= lo && t.seconds <= hi);
  const fits = Math.max(2, Math.floor(plotHeight / (fontSize * 2.2)));
  while (ticks.length > fits) ticks = ticks.filter((_, i) => i % 2 === 0);
  return ticks;
}

/** Tick steps for a linear duration axis: round numbers of minutes, hours and days. */
const LINEAR_STEPS = [60, 300, 900, 1800, 3600, 7200, 4 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, 90 * 86400, 365 * 86400];

/** "30m", "6h", "2d": a tick label, exact on the steps above. */
function compactDuration(seconds: number): string {
  if (seconds === 0) return '0';
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return formatDuration(seconds);
}

export interface ValueAxis {
  /** Where a value is drawn (log10 seconds for durations; the value itself otherwise). */
  at(value: number): number;
  /** Plot y (or x) scale options. */
  scale: Record<string, unknown>;
  /** How a value reads in titles and tooltips. */
  format(value: number): string;
}

/** The value axis for a declared format; `label` is the axis title. */
export function valueAxis(format: ValueFormat, values: readonly number[], label: string, plotHeight: number, fontSize: number, linear = false): ValueAxis {
  if (format === 'duration' && linear) {
    // Bars must start at zero, so bar charts of durations use a linear axis.
    const max = Math.max(60, ...values);
    const step = LINEAR_STEPS.find((t) => max / t <= 6) ?? LINEAR_STEPS.at(-1)!;
    const ticks = Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
    return {
      at: (v) => v,
      scale: { label, grid: true, domain: [0, ticks.at(-1)!], ticks, tickFormat: (v: number) => compactDuration(v) },
      format: formatDuration,
    };
  }
  if (format === 'duration') {
    const domain = durationDomain(values);
    const ticks = durationTicks(domain, plotHeight, fontSize);
    return {
      at: (v) => Math.log10(Math.max(v, FLOOR_SECONDS)),
      scale: {
        label: `${label} (log scale)`, grid: true, domain: domain.map(Math.log10), ticks: ticks.map((t) => Math.log10(t.seconds)),
        tickFormat: (v: number) => ticks.find((t) => Math.abs(Math.log10(t.seconds) - v) < 1e-9)?.label ?? '',
      },
      format: formatDuration,
    };
  }
  const max = Math.max(0, ...values);
  const scale: Record<string, unknown> = { label, grid: true, zero: true, nice: true };
  if (format === 'percent') Object.assign(scale, { domain: [0, Math.max(max, 0.05)], tickFormat: (v: number) => `${Math.round(v * 100)}%` });
  return { at: (v) => v, scale, format: (v) => formatValue(v, format) };
}

/** Marks the root SVG standalone (xmlns; linkedom drops it) and sets its font. */
export function finishSvg(chart: SVGElement | HTMLElement, fontSize: number, fontFamily?: string): void {
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg');
  if (!svg) return;
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('font-size', String(fontSize));
  if (fontFamily) svg.setAttribute('font-family', fontFamily);
}

/** A Date for a period start 'YYYY-MM-DD' (UTC midnight: Plot's utc scale draws it as that day). */
export function periodDate(period: string): Date {
  const [y = 1970, m = 1, d = 1] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * Category labels that never overlap: level while the widest fits its band, else turned 45°
 * and, when even turned ones would touch (weekly bars over a year or more), only every k-th
 * shown. Widths are estimated from the character count (no layout on the server).
 */
export function categoryTicks(categories: readonly string[], plotWidth: number, fontSize: number): { tickRotate: number; tickFormat: (label: string, i: number) => string } {
  const slot = plotWidth / Math.max(1, categories.length);
  const widest = Math.max(0, ...categories.map((label) => label.length)) * fontSize * 0.62;
  if (slot >= widest + 8) return { tickRotate: 0, tickFormat: (label) => label };
  const every = Math.max(1, Math.ceil((fontSize * 1.6) / slot));
  return { tickRotate: -45, tickFormat: (label, i) => (i % every === 0 ? label : '') };
}
