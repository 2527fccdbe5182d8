// A time series per series (and facet): line + one <circle> per value, as Observable Plot.
// Pure: points in, element out (`document` injectable for server-side rendering).
// Guarantees: one circle per point with a value; a period without a value is a gap in the line;
// points resting on fewer than `smallN` values are hollow (`g.small-n`); durations use the
// duration log axis (scales.ts); colours are fixed by series order, never by value.
import * as Plot from '@observablehq/plot';
import { formatInteger, formatMonth, type ValueFormat } from '../lib/format.ts';
import { SERIES_COLORS, finishSvg, periodDate, valueAxis } from './scales.ts';
import { isSmallN, type SeriesPoint } from './series.ts';

export interface LineChartOptions {
  width: number;
  /** Height of one facet row; default 300. */
  height?: number;
  format: ValueFormat;
  /** Axis title, e.g. "MTTR (median)". */
  label: string;
  document?: Document;
  /** One colour per series, in the order of `series`; default SERIES_COLORS. */
  colors?: readonly string[];
  /** Series order (colour assignment); default order of first appearance. */
  series?: readonly string[];
  /** Fill of hollow points; default 'white'. */
  background?: string;
  /** Hollow below this n; default 5. */
  smallN?: number;
  fontSize?: number;
  fontFamily?: string;
}

export function lineChart(points: readonly SeriesPoint[], options: LineChartOptions): SVGElement | HTMLElement {
  const { width, height = 300, document = globalThis.document, background = 'white', smallN = 5, fontSize = 11 } = options;
  const seriesOrder = options.series ?? [...new Set(points.map((p) => p.series))];
  const colors = options.colors ?? SERIES_COLORS;
  const facets = [...new Set(points.map((p) => p.facet))];
  const withValue = points.filter((p) => p.value !== null);
  const axis = valueAxis(options.format, withValue.map((p) => p.value as number), options.label, height - 60, fontSize);
  const data = points.map((p) => ({ ...p, date: periodDate(p.x), y: p.value === null ? null : axis.at(p.value) }));
  const drawn = data.filter((p) => p.y !== null);
  const title = (p: (typeof data)[number]) =>
    `${[p.series, p.facet].filter(Boolean).join(' · ')}${p.series || p.facet ? '\n' : ''}${formatMonth(p.x)}: ${p.value === null ? 'no value' : axis.format(p.value)}\nn = ${formatInteger(p.n)}${isSmallN(p.n, smallN) ? ' (small n: read with care)' : ''}`;
  const common = { x: 'date', y: 'y', z: 'series', stroke: 'series', ...(facets.length > 1 ? { fy: 'facet' } : {}) } as const;
  const dot = (rows: typeof drawn, hollow: boolean) =>
    Plot.dot(rows, {
      ...common, r: 3.5, fill: hollow ? background : 'series', strokeWidth: 1.5, title, className: hollow ? 'small-n' : 'enough-n',
      href: (p: (typeof data)[number]) => p.href ?? null, ariaLabel: hollow ? 'small-n points' : 'points',
    });
  const chart = Plot.plot({
    document, width, height: height * Math.max(1, facets.length), marginLeft: 56, marginTop: 16, marginBottom: 36, marginRight: facets.length > 1 ? 90 : 16,
    ariaLabel: `${options.label} by period`, ariaDescription: `Hollow points rest on fewer than ${smallN} values.`,
    x: { type: 'utc', label: null },
    y: axis.scale,
    ...(facets.length > 1 ? { fy: { label: null } } : {}),
    color: { type: 'ordinal', domain: [...seriesOrder], range: seriesOrder.map((_, i) => colors[i % colors.length]!) },
    marks: [
      Plot.line(data, { ...common, strokeWidth: 1.75 }),
      dot(drawn.filter((p) => !isSmallN(p.n, smallN)), false),
      dot(drawn.filter((p) => isSmallN(p.n, smallN)), true),
    ],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}
