// A tile's sparkline: the headline value per period, no axes, the last point marked. Pure.
// Gaps (periods with n = 0) stay gaps. Durations are drawn on a log scale like the big charts.
// Drawn as plain SVG rather than with Plot.plot: the Overview draws six of these in its first
// frame, and Plot's general machinery (scales, channels, marks) was most of their cost. The
// markup is the one Plot drew for the same chart (x linear over UTC time across every period, y
// over the values' extent with zero included unless log, 3 px margins, path coordinates rounded
// to 3 decimals as d3-path does, an isolated value as a closed zero-length segment, Plot's class
// and stylesheet), so tiles look exactly as before; test/web/charts.test.ts holds Plot's snapshot.
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

const SVG_NS = 'http://www.w3.org/2000/svg';
const MARGIN = 3;
/** Plot's default class and the stylesheet it puts in every chart (block display, fluid width). */
const CLASS = 'plot-d6a7b5';
const STYLE = `:where(.${CLASS}) {
  --plot-background: white;
  display: block;
  height: auto;
  height: intrinsic;
  max-width: 100%;
}
:where(.${CLASS} text),
:where(.${CLASS} tspan) {
  white-space: pre;
}`;

/** d3's linear scale: a degenerate domain maps to the middle of the range. */
function linear([d0, d1]: [number, number], [r0, r1]: [number, number]): (v: number) => number {
  const span = d1 - d0;
  return (v) => {
    const t = span ? (v - d0) / span : 0.5;
    return r0 * (1 - t) + r1 * t;
  };
}

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

const round = (v: number) => Math.round(v * 1000) / 1000;

export function sparkline(points: ReadonlyArray<{ period: string; value: number | null }>, options: SparklineOptions): SVGElement {
  const { width, height = 36, document = globalThis.document, color = 'currentColor' } = options;
  const log = options.format === 'duration';
  const xs = points.map((p) => periodDate(p.period).getTime());
  const ys = points.map((p) => (p.value === null || !Number.isFinite(p.value) ? null : log ? Math.log10(Math.max(p.value, 1)) : p.value));
  const valued = ys.filter((v): v is number => v !== null);
  const x = linear(extent(xs), [MARGIN, width - MARGIN]);
  const [lo, hi] = extent(valued);
  const y = linear(log ? [lo, hi] : [Math.min(0, lo), Math.max(0, hi)], [height - MARGIN, MARGIN]);

  // d3.line with curveLinear: a new subpath after every gap; a lone value is "M x,y Z".
  let d = '';
  let run = 0;
  const close = () => {
    if (run === 1) d += 'Z';
    run = 0;
  };
  ys.forEach((v, i) => {
    if (v === null) return close();
    d += `${run === 0 ? 'M' : 'L'}${round(x(xs[i]!))},${round(y(v))}`;
    run++;
  });
  close();

  const svg = document.createElementNS(SVG_NS, 'svg') as SVGElement;
  // Attributes in Plot's order (the snapshot compares the markup).
  for (const [name, value] of [['class', CLASS], ['fill', 'currentColor'], ['font-family', 'system-ui, sans-serif'], ['font-size', '10'], ['text-anchor', 'middle'], ['width', String(width)], ['height', String(height)], ['viewBox', `0 0 ${width} ${height}`]] as const) svg.setAttribute(name, value);
  const style = document.createElementNS(SVG_NS, 'style');
  style.textContent = STYLE;
  const line = document.createElementNS(SVG_NS, 'g');
  for (const [name, value] of [['aria-label', 'line'], ['fill', 'none'], ['stroke', color], ['stroke-width', '1.5'], ['stroke-linejoin', 'round'], ['stroke-linecap', 'round']] as const) line.setAttribute(name, value);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  line.append(path);
  const dot = document.createElementNS(SVG_NS, 'g');
  dot.setAttribute('aria-label', 'dot');
  // Plot leaves out a fill equal to the svg's own (currentColor).
  if (color !== 'currentColor') dot.setAttribute('fill', color);
  const last = ys.findLastIndex((v) => v !== null);
  if (last >= 0) {
    const circle = document.createElementNS(SVG_NS, 'circle');
    circle.setAttribute('cx', String(x(xs[last]!)));
    circle.setAttribute('cy', String(y(ys[last]!)));
    circle.setAttribute('r', '2.5');
    dot.append(circle);
  }
  svg.append(style, line, dot);
  finishSvg(svg, 10);
  return svg;
}
