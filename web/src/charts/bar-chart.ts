// Bars per category (a period or a dimension value), grouped by series and faceted in rows,
// as Observable Plot. Pure: points in, element out. Bars start at zero, so durations use a
// linear axis here (a log axis would make bar lengths lie). Each bar is one <rect>; bars with
// small n get `g.small-n` and a dashed outline, so the warning does not rely on colour alone.
import * as Plot from '@observablehq/plot';
import { formatInteger, formatMonth, type ValueFormat } from '../lib/format.ts';
import { SERIES_COLORS, finishSvg, valueAxis } from './scales.ts';
import { isSmallN, type SeriesPoint } from './series.ts';

export interface BarChartOptions {
  width: number;
  /** Height of one facet row; default 300. */
  height?: number;
  format: ValueFormat;
  label: string;
  /** True when `x` holds period starts (labels become "Jan 2026"). */
  periods?: boolean;
  document?: Document;
  colors?: readonly string[];
  series?: readonly string[];
  smallN?: number;
  fontSize?: number;
  fontFamily?: string;
}

export function barChart(points: readonly SeriesPoint[], options: BarChartOptions): SVGElement | HTMLElement {
  const { width, height = 300, document = globalThis.document, smallN = 5, fontSize = 11 } = options;
  const seriesOrder = options.series ?? [...new Set(points.map((p) => p.series))];
  const colors = options.colors ?? SERIES_COLORS;
  const facets = [...new Set(points.map((p) => p.facet))];
  const grouped = seriesOrder.length > 1;
  const axis = valueAxis(options.format, points.filter((p) => p.value !== null).map((p) => p.value as number), options.label, height - 60, fontSize, true);
  const label = (x: string) => (options.periods ? formatMonth(x) : x || '(none)');
  const data = points.filter((p) => p.value !== null).map((p) => ({ ...p, xLabel: label(p.x) }));
  const categories = [...new Set(points.map((p) => label(p.x)))];
  const title = (p: (typeof data)[number]) =>
    `${[p.xLabel, p.series, p.facet].filter(Boolean).join(' · ')}\n${axis.format(p.value as number)}\nn = ${formatInteger(p.n)}${isSmallN(p.n, smallN) ? ' (small n: read with care)' : ''}`;
  const position = grouped ? { fx: 'xLabel', x: 'series' } : { x: 'xLabel' };
  const bars = (rows: typeof data, small: boolean) =>
    Plot.barY(rows, {
      ...position, y: 'value', fill: 'series', title, className: small ? 'small-n' : 'enough-n', href: (p: (typeof data)[number]) => p.href ?? null,
      ...(facets.length > 1 ? { fy: 'facet' } : {}), ...(small ? { stroke: 'currentColor', strokeDasharray: '3,2', fillOpacity: 0.55 } : {}),
    });
  const many = categories.length * (grouped ? seriesOrder.length : 1) > width / 28;
  const chart = Plot.plot({
    document, width, height: height * Math.max(1, facets.length), marginLeft: 64, marginTop: 16, marginRight: facets.length > 1 ? 90 : 16,
    marginBottom: many ? 80 : 40,
    ariaLabel: `${options.label} as bars`,
    ...(grouped ? { fx: { domain: categories, label: null, tickRotate: many ? -45 : 0 }, x: { domain: [...seriesOrder], axis: null } } : { x: { domain: categories, label: null, tickRotate: many ? -45 : 0 } }),
    y: axis.scale,
    ...(facets.length > 1 ? { fy: { label: null } } : {}),
    color: { type: 'ordinal', domain: [...seriesOrder], range: seriesOrder.map((_, i) => colors[i % colors.length]!) },
    marks: [bars(data.filter((p) => !isSmallN(p.n, smallN)), false), bars(data.filter((p) => isSmallN(p.n, smallN)), true), Plot.ruleY([0])],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}
