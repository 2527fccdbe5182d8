// A heatmap: one cell per (column, row) coloured by value, as Observable Plot. Pure. Columns
// are periods or a dimension's values, rows another dimension's. The scheme is cividis
// (sequential, readable with every common colour-vision deficiency); a cell without a value is
// left empty (never coloured as zero), and small-n cells carry a dot so the warning does not
// rely on colour. Each cell is one <rect> in `g.cells`.
import * as Plot from '@observablehq/plot';
import type { Grain } from '../lib/api.ts';
import { formatInteger, formatPeriod, formatValue, type ValueFormat } from '../lib/format.ts';
import { categoryTicks, finishSvg } from './scales.ts';
import { isSmallN, type SeriesPoint } from './series.ts';

export interface HeatmapOptions {
  width: number;
  /** Height per row of cells; default 28. */
  rowHeight?: number;
  format: ValueFormat;
  label: string;
  periods?: boolean;
  /** Length of a period when `periods`; default month. */
  grain?: Grain;
  document?: Document;
  smallN?: number;
  /** Draw Plot's colour legend above the cells; default false (it draws its ramp on a <canvas>, which server-side documents lack). */
  legend?: boolean;
  fontSize?: number;
  fontFamily?: string;
}

/** `x` is the column, `series` the row (the first dimension). */
export function heatmap(points: readonly SeriesPoint[], options: HeatmapOptions): SVGElement | HTMLElement {
  const { width, rowHeight = 28, document = globalThis.document, smallN = 5, fontSize = 11 } = options;
  const label = (x: string) => (options.periods ? formatPeriod(x, options.grain) : x || '(none)');
  const columns = [...new Set(points.map((p) => label(p.x)))];
  const rows = [...new Set(points.map((p) => p.series || '(none)'))];
  // A log colour scale cannot show 0 s: such cells are coloured as 1 s (the title keeps the value).
  const data = points.filter((p) => p.value !== null).map((p) => ({
    ...p, col: label(p.x), row: p.series || '(none)', shade: options.format === 'duration' ? Math.max(p.value as number, 1) : p.value,
  }));
  const longest = Math.max(4, ...rows.map((r) => r.length));
  const title = (p: (typeof data)[number]) =>
    `${p.row} · ${p.col}\n${formatValue(p.value, options.format)}\nn = ${formatInteger(p.n)}${isSmallN(p.n, smallN) ? ' (small n: read with care)' : ''}`;
  const marginLeft = Math.min(200, 12 + longest * fontSize * 0.6);
  const shades = data.map((p) => p.shade as number);
  const chart = Plot.plot({
    document, width, height: 40 + 70 + rowHeight * rows.length,
    marginLeft, marginBottom: 70, marginTop: 12,
    ariaLabel: `${options.label} heatmap`,
    x: { domain: columns, label: null, ...categoryTicks(columns, width - marginLeft - 20, fontSize) },
    y: { domain: rows, label: null },
    color: {
      type: options.format === 'duration' ? 'log' : 'linear', scheme: 'cividis', label: options.label, legend: options.legend ?? false,
      tickFormat: (v: number) => formatValue(v, options.format),
      ...(options.format === 'duration' ? { ticks: durationTicks(Math.min(...shades), Math.max(...shades)) } : { zero: true }),
    },
    marks: [
      Plot.cell(data, { x: 'col', y: 'row', fill: 'shade', title, inset: 0.5, className: 'cells', href: (p: (typeof data)[number]) => p.href ?? null }),
      Plot.dot(data.filter((p) => isSmallN(p.n, smallN)), { x: 'col', y: 'row', r: 2, fill: 'white', stroke: 'black', strokeWidth: 0.75, className: 'small-n' }),
    ],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}

/** Round durations (1m … 90d) a log legend can label without its 1–9 × 10ⁿ ticks running together. */
const ROUND_DURATIONS = [60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86_400, 3 * 86_400, 7 * 86_400, 30 * 86_400, 90 * 86_400];

/** At most five round durations within [lo, hi]; the two ends when none falls inside. */
export function durationTicks(lo: number, hi: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return []; // no values: nothing to label
  const inside = ROUND_DURATIONS.filter((seconds) => seconds >= lo && seconds <= hi);
  if (inside.length < 2) return lo === hi ? [lo] : [lo, hi];
  const step = Math.ceil(inside.length / 5);
  return inside.filter((_, i) => i % step === 0);
}
