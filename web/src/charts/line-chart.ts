// A time series per series (and facet): line + one <circle> per value, as Observable Plot.
// Pure: points in, element out (`document` injectable for server-side rendering).
// Guarantees: one circle per point with a value; a period without a value is a gap in the line;
// points resting on fewer than `smallN` values are hollow (`g.small-n`); durations use the
// duration log axis (scales.ts); colours are fixed by series order, never by value.
// Intervals (points carrying `low`/`high`): one translucent vertical band per point from low to
// high (`g.interval`, one <line> each, y1/y2 exactly the bounds on the axis; a thin full-colour
// line down its middle, `g.interval-line`, keeps it at 3:1 contrast); a point whose bounds
// are null — too few values for an interval to exist — gets a dashed band over the whole axis
// (`g.interval-unbounded`), so an uncertain period never looks sure. The axis covers the bounds.
// Annotations: labelled dashed rules at their dates (annotations.ts). n labels: 'small' writes
// "n=3" beside each small-n point, 'all' beside every point (`g.n-label`). None of these change
// the chart when not asked for.
import * as Plot from '@observablehq/plot';
import type { Grain } from '../lib/api.ts';
import { formatInteger, formatPeriod, type ValueFormat } from '../lib/format.ts';
import { annotationLayout, timeDomain, type ChartAnnotation } from './annotations.ts';
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
  /** Process changes to draw as labelled rules; default none. */
  annotations?: readonly ChartAnnotation[];
  /** Length of a period (where an annotation falls, which are in range); default month. */
  grain?: Grain;
  /** Write n beside points: none (default), only small-n points, or all. */
  nLabels?: 'none' | 'small' | 'all';
}

/** Band width and spacing between the bands of neighbouring series, in pixels. */
const BAND = 5;

export function lineChart(points: readonly SeriesPoint[], options: LineChartOptions): SVGElement | HTMLElement {
  const { width, height = 300, document = globalThis.document, background = 'white', smallN = 5, fontSize = 11, nLabels = 'none' } = options;
  const seriesOrder = options.series ?? [...new Set(points.map((p) => p.series))];
  const colors = options.colors ?? SERIES_COLORS;
  const facets = [...new Set(points.map((p) => p.facet))];
  const withValue = points.filter((p) => p.value !== null);
  const intervals = points.some((p) => p.low !== undefined || p.high !== undefined);
  const bounds = withValue.flatMap((p) => [p.low, p.high]).filter((v): v is number => typeof v === 'number');
  const axis = valueAxis(options.format, [...withValue.map((p) => p.value as number), ...bounds], options.label, height - 60, fontSize);
  const data = points.map((p) => ({
    ...p, date: periodDate(p.x), y: p.value === null ? null : axis.at(p.value),
    yLow: typeof p.low === 'number' ? axis.at(p.low) : null, yHigh: typeof p.high === 'number' ? axis.at(p.high) : null,
  }));
  type Datum = (typeof data)[number];
  const drawn = data.filter((p) => p.y !== null);
  const interval = (p: Datum) =>
    p.yLow !== null && p.yHigh !== null
      ? `\n95% interval: ${axis.format(p.low as number)} – ${axis.format(p.high as number)}`
      : intervals ? `\nToo few values for a 95% interval (it needs n ≥ 6)` : '';
  const title = (p: Datum) =>
    `${[p.series, p.facet].filter(Boolean).join(' · ')}${p.series || p.facet ? '\n' : ''}${formatPeriod(p.x, options.grain)}: ${p.value === null ? 'no value' : axis.format(p.value)}${p.value === null ? '' : interval(p)}\nn = ${formatInteger(p.n)}${isSmallN(p.n, smallN) ? ' (small n: read with care)' : ''}`;
  const facet = facets.length > 1 ? ({ fy: 'facet' } as const) : {};
  const common = { x: 'date', y: 'y', z: 'series', stroke: 'series', ...facet } as const;
  const dot = (rows: typeof drawn, hollow: boolean) =>
    Plot.dot(rows, {
      ...common, r: 3.5, fill: hollow ? background : 'series', strokeWidth: 1.5, title, className: hollow ? 'small-n' : 'enough-n',
      href: (p: Datum) => p.href ?? null, ariaLabel: hollow ? 'small-n points' : 'points',
    });

  // Bands: one mark per series so neighbouring series sit side by side (dx), never on top of each other.
  const extent = axisExtent(axis.scale, [...drawn.map((p) => p.y as number), ...drawn.flatMap((p) => [p.yLow, p.yHigh]).filter((v): v is number => v !== null)]);
  const bands = intervals
    ? seriesOrder.flatMap((series, i) => {
        const dx = (i - (seriesOrder.length - 1) / 2) * (BAND + 1);
        const mine = drawn.filter((p) => p.series === series);
        const common = { x: 'date', stroke: 'series', strokeWidth: BAND, dx, title, ...facet } as const;
        return [
          Plot.ruleX(mine.filter((p) => p.yLow !== null && p.yHigh !== null), { ...common, y1: 'yLow', y2: 'yHigh', strokeOpacity: 0.35, className: 'interval', ariaLabel: `${series || 'value'} 95% intervals` }),
          // A thin full-colour line down the band's middle: the interval's extent at the series
          // colour's own contrast (3:1, WCAG 1.4.11), which the translucent band alone lacks.
          // Untitled and let through to the pointer: hovering it shows the band's title beneath,
          // the same text, without a second <title> per point to build.
          Plot.ruleX(mine.filter((p) => p.yLow !== null && p.yHigh !== null), { ...common, title: undefined, pointerEvents: 'none', y1: 'yLow', y2: 'yHigh', strokeWidth: 1.25, className: 'interval-line', ariaHidden: 'true' }),
          Plot.ruleX(mine.filter((p) => p.yLow === null || p.yHigh === null), {
            ...common, y1: () => extent[0], y2: () => extent[1], strokeOpacity: 0.3, strokeDasharray: '2,3', className: 'interval-unbounded',
            ariaLabel: `${series || 'value'}: too few values for an interval`,
          }),
        ];
      })
    : [];
  const labelled = nLabels === 'all' ? drawn : nLabels === 'small' ? drawn.filter((p) => isSmallN(p.n, smallN)) : [];
  const nText = Plot.text(labelled, {
    x: 'date', y: 'y', ...facet, text: (p: Datum) => `n=${compactCount(p.n)}`, dy: -9, dx: 0, fontSize: Math.max(8, fontSize - 2),
    fill: 'currentColor', className: 'n-label', ariaHidden: 'true',
  });
  const marginRight = facets.length > 1 ? 90 : 16;
  const notes = annotationLayout(options.annotations, { periods: points.map((p) => p.x), grain: options.grain ?? 'month', scale: 'time', fontSize, plotWidth: width - 56 - marginRight });
  const chart = Plot.plot({
    document, width, height: height * Math.max(1, facets.length) + notes.marginTop, marginLeft: 56, marginTop: 16 + notes.marginTop, marginBottom: 36, marginRight,
    ariaLabel: `${options.label} by period`,
    ariaDescription: `Hollow points rest on fewer than ${smallN} values.${intervals ? ' Bands are 95% intervals; a dashed band over the whole axis means too few values for one.' : ''}`,
    x: { type: 'utc', label: null, ...(timeDomain(points.map((p) => p.x), notes) ? { domain: timeDomain(points.map((p) => p.x), notes) } : {}) },
    y: axis.scale,
    ...(facets.length > 1 ? { fy: { label: null } } : {}),
    color: { type: 'ordinal', domain: [...seriesOrder], range: seriesOrder.map((_, i) => colors[i % colors.length]!) },
    marks: [
      ...bands,
      Plot.line(data, { ...common, strokeWidth: 1.75 }),
      dot(drawn.filter((p) => !isSmallN(p.n, smallN)), false),
      dot(drawn.filter((p) => isSmallN(p.n, smallN)), true),
      ...(labelled.length ? [nText] : []),
      ...(notes.mark ? [notes.mark] : []),
    ],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}

/** The drawn y range: the axis's declared domain when it has one, else the values' extent (from 0 for a zero-based axis). */
function axisExtent(scale: Record<string, unknown>, ys: readonly number[]): [number, number] {
  const domain = scale.domain as [number, number] | undefined;
  if (domain) return [domain[0], domain[1]];
  const hi = Math.max(0, ...ys);
  return [Math.min(0, ...ys), hi > 0 ? hi : 1];
}

/** 7, 950, 1.2k, 12k: an n that fits beside a point. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(n / 1000)}k`;
}
