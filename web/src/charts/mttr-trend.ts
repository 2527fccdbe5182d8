// Monthly MTTR trend by severity: one line per severity, one point per (month, severity) with a
// median, drawn with Observable Plot. Pure: rows in, element out — no fetch, no globals other
// than the `document` passed in (default globalThis.document), so the server renders the same
// chart for email PNGs (linkedom document) that the dashboard draws in the browser.
//
// Guarantees (checked by test/web/mttr-trend.test.ts):
// - exactly one <circle> per row with a non-null median; nothing else in the SVG is a circle
//   (the legend draws its markers as <path>), so counting circles counts data points;
// - one line <path> per severity; a month with no median (no row, or null) is a gap in the
//   line, never a segment drawn across it;
// - points whose median rests on fewer than SMALL_N incidents are hollow: drawn in the mark
//   group `g.small-n`, filled with `background`, outlined in the severity colour;
// - colours are fixed per severity (SEV1..SEV4 always get the same colour whatever is present);
// - rows carrying `mttr_ci_low`/`mttr_ci_high` (GET /api/metrics?intervals=true) get a band per
//   point from low to high (`g.interval`, one <line> each, with a thin full-colour line down it,
//   `g.interval-line`, for contrast); a point whose bounds are null (too
//   few incidents for a 95% interval) gets a dashed band over the whole axis
//   (`g.interval-unbounded`), so an uncertain month never looks sure; the axis covers the bounds;
// - `annotations` are labelled dashed rules at their dates (annotations.ts), `nLabels: 'small'`
//   writes "n=3" beside hollow points. Without these inputs the chart is unchanged.
// Hazards: a log scale cannot show 0, so medians under one minute are drawn at one minute (the
// point's title still tells the exact value); and Plot's default log ticks print SI prefixes
// ("20m" meaning 0.02), which reads as minutes, so the y axis gets its own duration ticks.
import * as Plot from '@observablehq/plot';
import { formatDuration, formatInteger, formatMonth } from '../lib/format.ts';
import { annotationLayout, timeDomain, type ChartAnnotation } from './annotations.ts';
import { compactCount } from './line-chart.ts';
import { durationDomain, durationTicks } from './scales.ts';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies), each at least 3:1 against
 * white as WCAG 1.4.11 asks of graphics. The dashboard passes CSS variables instead, per theme.
 */
export const SEVERITY_COLORS = ['#D55E00', '#CC79A7', '#0072B2', '#009E73'] as const;
/** Colour of severities outside SEV1..SEV4 (and of incidents without one). */
export const OTHER_SEVERITY_COLOR = '#767676';
/** Medians resting on fewer incidents than this are drawn hollow. */
export const SMALL_N = 5;
/** Shown for rows whose severity is null. */
export const NO_SEVERITY = '(none)';

const FLOOR_SECONDS = 60;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** A row of GET /api/metrics?metric=mttr&by=severity&grain=month. */
export type TrendRow = Readonly<Record<string, string | number | null>>;

export interface MttrTrendOptions {
  /** Outer width in pixels (required: the caller knows its container). */
  width: number;
  /** Outer height in pixels; default 320. */
  height?: number;
  /** Document to create elements in; default globalThis.document. */
  document?: Document;
  /** One colour per SEV1..SEV4; default SEVERITY_COLORS. Any CSS colour, including var(--x). */
  colors?: readonly string[];
  /** The surface behind the chart, used to fill hollow points; default 'white'. */
  background?: string;
  /** Font family of all text; default Plot's 'system-ui, sans-serif'. */
  fontFamily?: string;
  /** Font size of all text in pixels; default 10 (Plot's). */
  fontSize?: number;
  /** Where a click on a point goes (the incidents behind it); default: points are not links. */
  href?: (point: { period: string; severity: string }) => string | null;
  /** Process changes drawn as labelled rules; default none. */
  annotations?: readonly ChartAnnotation[];
  /** Write "n=…" beside small-n points ('small') or none (default). */
  nLabels?: 'none' | 'small';
}

interface Point {
  date: Date;
  period: string;
  severity: string;
  /** The median as the API gave it. */
  seconds: number | null;
  /** Where it is drawn: log10 of the median in seconds, floored at one minute. */
  y: number | null;
  n: number;
  /** The median's 95% interval as drawn (log10 seconds); null when absent or n too small. */
  yLow: number | null;
  yHigh: number | null;
  /** The bounds as the API gave them; undefined when the rows carry no interval. */
  low?: number | null;
  high?: number | null;
}

const BAND = 4;

export function mttrTrend(rows: readonly TrendRow[], options: MttrTrendOptions): SVGElement | HTMLElement {
  const { width, height = 320, document = globalThis.document, background = 'white', fontSize = 10 } = options;
  const colors = options.colors ?? SEVERITY_COLORS;
  const points = toPoints(rows);
  const drawn = points.filter((p) => p.y !== null);
  const severities = severityDomain(points);
  const range = severities.map((s, i) => (i < SEVERITIES.length ? (colors[i] ?? OTHER_SEVERITY_COLOR) : OTHER_SEVERITY_COLOR));
  const entries = severities.map((label, i) => ({ label, color: range[i] ?? OTHER_SEVERITY_COLOR }));
  const charWidth = fontSize * 0.6; // rough average glyph width; only used to wrap the legend
  const legendRows = legendLayout(entries, width - 48, charWidth).rows;
  const rowHeight = fontSize * 1.8;
  // Room for the two-line month ticks ("Jan" / "2026"), then the legend rows.
  const marginBottom = Math.round(fontSize * 4.2 + rowHeight * legendRows);

  const at = { x: 'date', y: 'y' } as const;
  const link = options.href ? { href: (p: Point) => options.href!({ period: p.period, severity: p.severity }) } : {};
  const intervals = points.some((p) => p.low !== undefined);
  const bounds = drawn.flatMap((p) => [p.low, p.high]).filter((v): v is number => typeof v === 'number');
  const domain = durationDomain([...drawn.map((p) => p.seconds as number), ...bounds]);
  const notes = annotationLayout(options.annotations, { periods: points.map((p) => p.period), grain: 'month', scale: 'time', fontSize, plotWidth: width - 48 - 20 });
  const ticks = durationTicks(domain, height - 24 - marginBottom, fontSize);
  const months = new Set(points.map((p) => p.period)).size;
  const extent = domain.map(Math.log10) as [number, number];
  const bands = intervals
    ? severities.flatMap((severity, i) => {
        const mine = drawn.filter((p) => p.severity === severity);
        if (mine.length === 0) return [];
        const dx = (i - (severities.length - 1) / 2) * (BAND + 1);
        const common = { x: 'date', stroke: 'severity', strokeWidth: BAND, dx, title: pointTitle } as const;
        return [
          Plot.ruleX(mine.filter((p) => p.yLow !== null && p.yHigh !== null), { ...common, y1: 'yLow', y2: 'yHigh', strokeOpacity: 0.35, className: 'interval' }),
          // Thin full-colour line down the band: the extent at the severity colour's 3:1 contrast.
          // Untitled and let through to the pointer: hovering it shows the band's title beneath.
          Plot.ruleX(mine.filter((p) => p.yLow !== null && p.yHigh !== null), { ...common, title: undefined, pointerEvents: 'none', y1: 'yLow', y2: 'yHigh', strokeWidth: 1.25, className: 'interval-line', ariaHidden: 'true' }),
          Plot.ruleX(mine.filter((p) => p.yLow === null || p.yHigh === null), { ...common, y1: () => extent[0], y2: () => extent[1], strokeOpacity: 0.3, strokeDasharray: '2,3', className: 'interval-unbounded' }),
        ];
      })
    : [];
  const small = options.nLabels === 'small' ? drawn.filter((p) => p.n < SMALL_N) : [];
  const chart = Plot.plot({
    document,
    width,
    height: height + notes.marginTop,
    marginLeft: 48,
    marginTop: 24 + notes.marginTop,
    marginBottom,
    ariaLabel: 'Median time to resolve by month and severity',
    ariaDescription: `Log scale. Hollow points rest on fewer than ${SMALL_N} incidents.${intervals ? ' Bands are 95% intervals of each median; a dashed band over the whole axis means too few incidents for one.' : ''}`,
    x: { type: 'utc', label: null, inset: 12, ticks: monthTicks(months, width - 48 - 20, fontSize), ...(timeDomain(points.map((p) => p.period), notes) ? { domain: timeDomain(points.map((p) => p.period), notes) } : {}) },
    // Log scale done by hand (y = log10 seconds on a linear scale): Plot's log scale would
    // blank the labels of ticks such as 15m or 2h, whatever tickFormat says.
    y: {
      label: 'Median time to resolve (log scale)',
      grid: true,
      domain: domain.map(Math.log10),
      ticks: ticks.map((t) => Math.log10(t.seconds)),
      tickFormat: (v: number) => ticks.find((t) => Math.abs(Math.log10(t.seconds) - v) < 1e-9)?.label ?? '',
    },
    color: { type: 'ordinal', domain: severities, range },
    marks: [
      ...bands,
      Plot.line(points, { ...at, z: 'severity', stroke: 'severity', strokeWidth: 1.75 }),
      Plot.dot(
        drawn.filter((p) => p.n >= SMALL_N),
        { ...at, r: 3.5, fill: 'severity', stroke: 'severity', title: pointTitle, className: 'enough-n', ...link },
      ),
      Plot.dot(
        drawn.filter((p) => p.n < SMALL_N),
        { ...at, r: 3.5, fill: background, stroke: 'severity', strokeWidth: 1.5, title: pointTitle, className: 'small-n', ...link },
      ),
      ...(small.length
        ? [Plot.text(small, { ...at, text: (p: Point) => `n=${compactCount(p.n)}`, dy: -9, fontSize: Math.max(8, fontSize - 2), fill: 'currentColor', className: 'n-label', ariaHidden: 'true' })]
        : []),
      ...(notes.mark ? [notes.mark] : []),
    ],
  });

  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg');
  if (svg) {
    // linkedom drops the namespace declaration; a standalone file (snapshot, resvg) needs it.
    svg.setAttribute('xmlns', SVG_NS);
    svg.setAttribute('font-size', String(fontSize));
    if (options.fontFamily) svg.setAttribute('font-family', options.fontFamily);
    const box = { x: 48, y: height + notes.marginTop - rowHeight * (legendRows - 0.5), width: width - 48, rowHeight, charWidth };
    svg.append(legend(document, entries, background, box));
  }
  return chart;
}

/** Rows -> points, densified to every month between the first and last period (gaps stay gaps). */
function toPoints(rows: readonly TrendRow[]): Point[] {
  const byKey = new Map<string, Point>();
  for (const [i, row] of rows.entries()) {
    const period = row.period;
    if (typeof period !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(period)) {
      throw new Error(`mttrTrend: row ${i} has period ${JSON.stringify(period)}; expected 'YYYY-MM-DD'.`);
    }
    const severity = row.severity === null || row.severity === undefined ? NO_SEVERITY : String(row.severity);
    const seconds = typeof row.mttr_median === 'number' && Number.isFinite(row.mttr_median) ? row.mttr_median : null;
    const n = typeof row.mttr_n === 'number' ? row.mttr_n : 0;
    const interval = 'mttr_ci_low' in row || 'mttr_ci_high' in row ? { low: finite(row.mttr_ci_low), high: finite(row.mttr_ci_high) } : undefined;
    byKey.set(`${period}|${severity}`, point(period, severity, seconds, n, interval));
  }
  const periods = [...new Set([...byKey.values()].map((p) => p.period))].sort();
  const severities = [...new Set([...byKey.values()].map((p) => p.severity))];
  const months = monthsBetween(periods[0], periods.at(-1));
  const points: Point[] = [];
  for (const severity of severities) {
    for (const period of months) points.push(byKey.get(`${period}|${severity}`) ?? point(period, severity, null, 0));
  }
  return points;
}

function point(period: string, severity: string, seconds: number | null, n: number, interval?: { low: number | null; high: number | null }): Point {
  const [y = 0, m = 1, d = 1] = period.split('-').map(Number);
  const log = (v: number | null) => (v === null ? null : Math.log10(Math.max(v, FLOOR_SECONDS)));
  const base = { date: new Date(Date.UTC(y, m - 1, d)), period, severity, seconds, y: log(seconds), n };
  if (!interval) return { ...base, yLow: null, yHigh: null };
  return { ...base, low: interval.low, high: interval.high, yLow: log(interval.low), yHigh: log(interval.high) };
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Every month start from `first` to `last` inclusive; periods not on the 1st are kept as given. */
function monthsBetween(first: string | undefined, last: string | undefined): string[] {
  if (first === undefined || last === undefined) return [];
  if (!first.endsWith('-01') || !last.endsWith('-01')) return [first, last];
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last; key = `${y}-${String(m).padStart(2, '0')}-01`) {
    months.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/** Month ticks: every month when they fit (~5.6 em each), else every 2, 3, 6 or 12 months. */
function monthTicks(months: number, plotWidth: number, fontSize: number): string {
  const fits = Math.max(1, Math.floor(plotWidth / (fontSize * 5.6)));
  const step = [1, 2, 3, 6, 12].find((k) => Math.ceil(months / k) <= fits) ?? 12;
  return step === 1 ? 'month' : `${step} months`;
}

/** SEV1..SEV4 always (fixed colours), then any other severity present, sorted. */
function severityDomain(points: readonly Point[]): string[] {
  const known = new Set<string>(SEVERITIES);
  const others = [...new Set(points.map((p) => p.severity))].filter((s) => !known.has(s)).sort();
  return [...SEVERITIES, ...others];
}

function pointTitle(p: Point): string {
  const median = p.seconds === null ? 'no median' : formatDuration(p.seconds);
  const caution = p.n < SMALL_N ? ` (fewer than ${SMALL_N}: read with care)` : '';
  const interval = p.low === undefined || p.seconds === null ? ''
    : typeof p.low === 'number' && typeof p.high === 'number' ? `\n95% interval: ${formatDuration(p.low)} – ${formatDuration(p.high)}`
    : '\nToo few incidents for a 95% interval (it needs n ≥ 6)';
  return `${p.severity} · ${formatMonth(p.period)}\nMedian time to resolve: ${median}${interval}\nn = ${formatInteger(p.n)} incidents${caution}`;
}

interface LegendEntry {
  label: string;
  color: string;
}

const SMALL_N_LABEL = `fewer than ${SMALL_N} incidents`;

/** Entry positions in rows that fit `width`; the hollow-point key comes last. */
function legendLayout(entries: readonly LegendEntry[], width: number, charWidth: number) {
  const labels = [...entries.map((e) => e.label), SMALL_N_LABEL];
  const placed: Array<{ x: number; row: number }> = [];
  let x = 0;
  let row = 0;
  for (const label of labels) {
    const w = 22 + label.length * charWidth + 16;
    if (x > 0 && x + w > width) [x, row] = [0, row + 1];
    placed.push({ x, row });
    x += w;
  }
  return { placed, rows: row + 1 };
}

/**
 * Key drawn inside the SVG (a Plot legend would wrap the chart in an HTML <figure>, which
 * resvg cannot render). Markers are <path>s, not <circle>s, so circles stay data points.
 */
function legend(
  doc: Document,
  entries: readonly LegendEntry[],
  background: string,
  box: { x: number; y: number; width: number; rowHeight: number; charWidth: number },
): SVGGElement {
  const el = <K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>) => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const group = el('g', { class: 'legend', transform: `translate(${box.x},${box.y})`, 'text-anchor': 'start' });
  const { placed } = legendLayout(entries, box.width, box.charWidth);
  const items = [...entries.map((e) => ({ ...e, hollow: false })), { label: SMALL_N_LABEL, color: 'currentColor', hollow: true }];
  items.forEach((item, i) => {
    const { x, row } = placed[i] ?? { x: 0, row: 0 };
    const y = row * box.rowHeight;
    const key = el('g', { transform: `translate(${x},${y})` });
    if (!item.hollow) key.append(el('path', { d: 'M0,0h18', stroke: item.color, 'stroke-width': 1.75 }));
    key.append(
      el('path', {
        d: circlePath(9, 0, 3.5),
        fill: item.hollow ? background : item.color,
        stroke: item.color,
        'stroke-width': 1.5,
      }),
    );
    const text = el('text', { x: 22, y: 0, dy: '0.32em', fill: 'currentColor' });
    text.textContent = item.label;
    key.append(text);
    group.append(key);
  });
  return group;
}

function circlePath(cx: number, cy: number, r: number): string {
  return `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
}
