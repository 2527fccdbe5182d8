// Bars per category (a period or a dimension value), grouped by series and faceted in rows,
// as Observable Plot. Pure: points in, element out. Bars start at zero, so durations use a
// linear axis here (a log axis would make bar lengths lie). Each bar is one <rect>; bars with
// small n get `g.small-n` and a dashed outline, so the warning does not rely on colour alone.
// Over periods, `annotations` are labelled rules inside the bar (or group) of the period that
// holds their date (annotations.ts); without them the chart is unchanged.
import * as Plot from '@observablehq/plot';
import type { Grain } from '../lib/api.ts';
import { formatInteger, formatPeriod, type ValueFormat } from '../lib/format.ts';
import { annotationLayout, type ChartAnnotation } from './annotations.ts';
import { SERIES_COLORS, categoryTicks, finishSvg, valueAxis } from './scales.ts';
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
  /** Process changes drawn as labelled rules when `x` holds periods; default none. */
  annotations?: readonly ChartAnnotation[];
  /** Length of a period; default month. */
  grain?: Grain;
}

export function barChart(points: readonly SeriesPoint[], options: BarChartOptions): SVGElement | HTMLElement {
  const { width, height = 300, document = globalThis.document, smallN = 5, fontSize = 11 } = options;
  const seriesOrder = options.series ?? [...new Set(points.map((p) => p.series))];
  const colors = options.colors ?? SERIES_COLORS;
  const facets = [...new Set(points.map((p) => p.facet))];
  const grouped = seriesOrder.length > 1;
  const axis = valueAxis(options.format, points.filter((p) => p.value !== null).map((p) => p.value as number), options.label, height - 60, fontSize, true);
  const label = (x: string) => (options.periods ? formatPeriod(x, options.grain) : x || '(none)');
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
  const marginRight = facets.length > 1 ? 90 : 16;
  const ticks = categoryTicks(categories, width - 64 - marginRight, fontSize);
  const notes = options.periods
    ? annotationLayout(options.annotations, { periods: points.map((p) => p.x), grain: options.grain ?? 'month', scale: grouped ? 'fx' : 'band', key: label, fontSize, plotWidth: width - 64 - marginRight })
    : { marginTop: 0, mark: null };
  const chart = Plot.plot({
    document, width, height: height * Math.max(1, facets.length) + notes.marginTop, marginLeft: 64, marginTop: 16 + notes.marginTop, marginRight,
    marginBottom: ticks.tickRotate ? 80 : 40,
    ariaLabel: `${options.label} as bars`,
    ...(grouped ? { fx: { domain: categories, label: null, ...ticks }, x: { domain: [...seriesOrder], axis: null } } : { x: { domain: categories, label: null, ...ticks } }),
    y: axis.scale,
    ...(facets.length > 1 ? { fy: { label: null } } : {}),
    color: { type: 'ordinal', domain: [...seriesOrder], range: seriesOrder.map((_, i) => colors[i % colors.length]!) },
    marks: [bars(data.filter((p) => !isSmallN(p.n, smallN)), false), bars(data.filter((p) => isSmallN(p.n, smallN)), true), Plot.ruleY([0]), ...(notes.mark ? [notes.mark] : [])],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}
