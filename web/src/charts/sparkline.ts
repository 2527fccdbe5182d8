// A tile's sparkline: the headline value per period, no axes, the last point marked. Pure.
// Gaps (periods with n = 0) stay gaps. Durations are drawn on a log scale like the big charts.
import * as Plot from '@observablehq/plot';
import type { ValueFormat } from '../lib/format.ts';
import { finishSvg, periodDate } from './scales.ts';

export interface SparklineOptions {
  width: number;
  /** Default 36. */
  height?: number;
  format: ValueFormat;
  document?: Document;
  /** Default 'currentColor'. */
  color?: string;
}

export function sparkline(points: ReadonlyArray<{ period: string; value: number | null }>, options: SparklineOptions): SVGElement | HTMLElement {
  const { width, height = 36, document = globalThis.document, color = 'currentColor' } = options;
  const log = options.format === 'duration';
  const data = points.map((p) => ({ date: periodDate(p.period), y: p.value === null ? null : log ? Math.log10(Math.max(p.value, 1)) : p.value }));
  const last = data.filter((d) => d.y !== null).slice(-1);
  const chart = Plot.plot({
    document, width, height, margin: 3, axis: null, ariaHidden: true,
    x: { type: 'utc' }, y: { zero: !log },
    marks: [Plot.lineY(data, { x: 'date', y: 'y', stroke: color, strokeWidth: 1.5 }), Plot.dot(last, { x: 'date', y: 'y', r: 2.5, fill: color })],
  } as Plot.PlotOptions);
  finishSvg(chart, 10);
  return chart;
}
