// Process-change annotations on a time axis: a dashed vertical rule at the change's date with its
// label along the top, on every chart whose x axis is time. Pure (a Plot mark that draws itself
// from the chart's own scales), so the server draws the same rules in emailed charts.
//
// Guarantees:
// - A rule sits where its date falls: on a time scale at the date itself; on a band scale (bars
//   per period) inside the bar of the period that holds the date, at the fraction of that
//   period already gone (2 March in a March bar: 1/31 of the way across).
// - Only annotations inside the chart's periods are drawn ([first period, end of the last)), so
//   one far outside never stretches or clutters the axis.
// - Labels never rely on colour and never overlap: each goes on the first row along the top
//   where it fits (at most MAX_ROWS rows, then it is shortened); the full label and date are in
//   the rule's <title> and aria-label. Each annotation is one `g.annotation` (one <line>, one <text>).
// Hazard: a mark with no data gets no facets, so the mark is super-faceted (drawn once over the
// whole frame, rules crossing every facet row) and reads the fx scale where bars are grouped.
import * as Plot from '@observablehq/plot';
import type { Grain } from '../lib/api.ts';
import { periodEnd } from '../lib/periods.ts';
import { SVG_NS, periodDate } from './scales.ts';

export interface ChartAnnotation {
  /** Local date 'YYYY-MM-DD' the change took effect. */
  date: string;
  label: string;
}

/** Label rows at most; a label that fits none is shortened on the last. */
export const MAX_ROWS = 3;
const MAX_CHARS = 32;

export interface AnnotationLayout {
  /** What the chart adds to its top margin for the label rows (0 without annotations). */
  marginTop: number;
  mark: Plot.Markish | null;
  /** The annotations drawn (inside the chart's periods), oldest first. */
  drawn: ChartAnnotation[];
  /** The latest drawn date: a time axis must reach it (it may fall after the last period's start). */
  latest: Date | null;
}

export interface AnnotationOptions {
  /** Period starts on the x axis, 'YYYY-MM-DD'. */
  periods: readonly string[];
  /** Length of a period; default month. */
  grain?: Grain;
  /** How x is drawn: 'time' (a utc scale of period dates), 'band' (x is a band per period), 'fx' (bars grouped in fx bands). */
  scale: 'time' | 'band' | 'fx';
  /** Band key of a period on a band/fx scale (its Date, or its label); default the period's Date. */
  key?: (period: string) => unknown;
  fontSize: number;
  /** Plot width less the side margins: used to lay labels out in rows before the scales exist. */
  plotWidth: number;
}

export function annotationLayout(annotations: readonly ChartAnnotation[] | undefined, options: AnnotationOptions): AnnotationLayout {
  const periods = [...new Set(options.periods)].sort();
  const first = periods[0];
  const last = periods.at(-1);
  const grain = options.grain ?? 'month';
  if (!annotations?.length || first === undefined || last === undefined) return { marginTop: 0, mark: null, drawn: [], latest: null };
  const end = periodEnd(last, grain);
  const drawn = annotations.filter((a) => a.date >= first && a.date < end).toSorted((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label));
  if (drawn.length === 0) return { marginTop: 0, mark: null, drawn, latest: null };

  const span = periodDate(end).getTime() - periodDate(first).getTime();
  const charWidth = options.fontSize * 0.6;
  const lineHeight = Math.round(options.fontSize * 1.4);
  // Rows laid out on the dates' share of the axis (the scales do not exist yet; close enough to
  // keep labels apart), the same layout the render function uses below.
  const placed = layoutRows(drawn.map((a) => ((periodDate(a.date).getTime() - periodDate(first).getTime()) / span) * options.plotWidth), drawn.map((a) => a.label), charWidth, options.plotWidth);
  const rows = Math.max(...placed.map((p) => p.row)) + 1;

  const render: Plot.RenderFunction = (_index, scales, _values, dimensions, context) => {
    const doc = context.document;
    const { marginTop, marginBottom, height } = dimensions;
    const group = doc.createElementNS(SVG_NS, 'g');
    group.setAttribute('class', 'annotations');
    group.setAttribute('aria-label', 'process changes');
    drawn.forEach((annotation, i) => {
      const x = xOf(annotation.date, scales as unknown as Scales, periods, grain, options);
      if (x === null) return;
      const { row, text, anchor } = placed[i]!;
      const g = doc.createElementNS(SVG_NS, 'g');
      g.setAttribute('class', 'annotation');
      g.setAttribute('aria-label', `Process change ${annotation.date}: ${annotation.label}`);
      const title = doc.createElementNS(SVG_NS, 'title');
      title.textContent = `${annotation.date}: ${annotation.label}`;
      const line = doc.createElementNS(SVG_NS, 'line');
      const top = marginTop - (rows - row) * lineHeight + lineHeight * 0.4;
      for (const [k, v] of Object.entries({ x1: x, x2: x, y1: top, y2: height - marginBottom, stroke: 'currentColor', 'stroke-width': 1.25, 'stroke-dasharray': '4,3', 'stroke-opacity': 0.8 })) line.setAttribute(k, String(typeof v === 'number' ? round(v) : v));
      const label = doc.createElementNS(SVG_NS, 'text');
      for (const [k, v] of Object.entries({ x: anchor === 'start' ? x + 3 : x - 3, y: marginTop - (rows - row) * lineHeight + lineHeight * 0.35, 'text-anchor': anchor, fill: 'currentColor' })) label.setAttribute(k, String(typeof v === 'number' ? round(v) : v));
      label.textContent = text;
      g.append(title, line, label);
      group.append(g);
    });
    return group;
  };
  const mark = Plot.frame({ stroke: 'none', facet: 'super', render });
  return { marginTop: rows * lineHeight + 4, mark, drawn, latest: periodDate(drawn.at(-1)!.date) };
}

interface Scale {
  (value: unknown): number | undefined;
  bandwidth?: () => number;
}
type Scales = { x?: Scale; fx?: Scale };

/**
 * The time axis of a chart with annotations: from the first period to the later of the last
 * period and the latest annotation (which may fall inside the last period, after its start).
 * Undefined when the data's own extent will do, so charts without annotations are unchanged.
 */
export function timeDomain(periods: readonly string[], layout: AnnotationLayout): [Date, Date] | undefined {
  const sorted = [...periods].sort();
  if (!layout.latest || sorted.length === 0) return undefined;
  const last = periodDate(sorted.at(-1)!);
  return layout.latest > last ? [periodDate(sorted[0]!), layout.latest] : undefined;
}

/** The pixel x of a date on the chart's x (or fx) scale, or null when it is not on the axis. */
function xOf(date: string, scales: Scales, periods: readonly string[], grain: Grain, options: AnnotationOptions): number | null {
  if (options.scale === 'time') {
    const x = scales.x?.(periodDate(date));
    return x === undefined || !Number.isFinite(x) ? null : x;
  }
  const period = periods.filter((p) => p <= date).at(-1);
  if (period === undefined) return null;
  const scale = options.scale === 'fx' ? scales.fx : scales.x;
  const start = scale?.((options.key ?? periodDate)(period));
  const width = scale?.bandwidth?.() ?? 0;
  if (start === undefined || !Number.isFinite(start)) return null;
  const from = periodDate(period).getTime();
  const to = periodDate(periodEnd(period, grain)).getTime();
  return start + ((periodDate(date).getTime() - from) / (to - from)) * width;
}

/** Greedy rows: each label on the first row where it clears the previous label by a gap. */
function layoutRows(xs: readonly number[], labels: readonly string[], charWidth: number, plotWidth: number) {
  const ends: number[] = [];
  return xs.map((x, i) => {
    const full = labels[i] ?? '';
    const short = full.length > MAX_CHARS ? `${full.slice(0, MAX_CHARS - 1)}…` : full;
    const width = short.length * charWidth + 8;
    // A label that would run past the right edge reads leftwards from its rule.
    const anchor: 'start' | 'end' = x + width > plotWidth && x - width >= 0 ? 'end' : 'start';
    const [left, right] = anchor === 'start' ? [x, x + width] : [x - width, x];
    let row = ends.findIndex((end) => end <= left);
    if (row === -1) row = ends.length < MAX_ROWS ? ends.length : MAX_ROWS - 1;
    ends[row] = Math.max(ends[row] ?? -Infinity, right);
    return { row, text: short, anchor };
  });
}

const round = (v: number) => Math.round(v * 100) / 100;
