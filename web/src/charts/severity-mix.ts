// Severity mix over time: each period's incidents split by severity, as shares (stacked to
// 100%) so a change of mix shows even when volume changes. Pure. Colours are fixed per
// severity (the same as the MTTR trend); the total n per period is in each bar's title.
// `annotations` are drawn as labelled rules inside the bar of the month that holds their date
// (annotations.ts); without them the chart is unchanged.
import * as Plot from '@observablehq/plot';
import type { Grain } from '../lib/api.ts';
import { formatInteger, formatMonth } from '../lib/format.ts';
import { annotationLayout, type ChartAnnotation } from './annotations.ts';
import { OTHER_SEVERITY_COLOR, SEVERITIES, SEVERITY_COLORS } from './mttr-trend.ts';
import { finishSvg, periodDate } from './scales.ts';

export interface SeverityMixOptions {
  width: number;
  /** Default 260. */
  height?: number;
  document?: Document;
  colors?: readonly string[];
  fontSize?: number;
  fontFamily?: string;
  /** Process changes drawn as labelled rules; default none. */
  annotations?: readonly ChartAnnotation[];
  /** Length of a period; default month. */
  grain?: Grain;
}

export interface MixRow {
  period: string;
  severity: string | null;
  count: number;
  href?: string | null;
}

export function severityMix(rows: readonly MixRow[], options: SeverityMixOptions): SVGElement | HTMLElement {
  const { width, height = 260, document = globalThis.document, fontSize = 11 } = options;
  const colors = options.colors ?? SEVERITY_COLORS;
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.period, (totals.get(r.period) ?? 0) + r.count);
  const known = new Set<string>(SEVERITIES);
  const others = [...new Set(rows.map((r) => r.severity ?? '(none)'))].filter((s) => !known.has(s)).sort();
  const domain = [...SEVERITIES, ...others];
  const every = Math.max(1, Math.ceil((totals.size * fontSize * 5) / Math.max(1, width - 60)));
  const data = rows.filter((r) => r.count > 0).map((r) => ({ ...r, severity: r.severity ?? '(none)', date: periodDate(r.period) }));
  const notes = annotationLayout(options.annotations, { periods: rows.map((r) => r.period), grain: options.grain ?? 'month', scale: 'band', fontSize, plotWidth: width - 48 - 20 });
  const chart = Plot.plot({
    document, width, height: height + notes.marginTop, marginLeft: 48, marginBottom: 32, ...(notes.mark ? { marginTop: 20 + notes.marginTop } : {}),
    ariaLabel: 'Severity mix by period',
    // A band axis cannot thin its ticks itself: label every k-th period so labels never collide.
    x: { type: 'band', label: null, tickFormat: (d: Date, i: number) => (i % every === 0 ? formatMonth(d.toISOString().slice(0, 10)) : '') },
    y: { label: 'Share of incidents (%)', percent: true, grid: true },
    color: { type: 'ordinal', domain, range: domain.map((s, i) => (i < SEVERITIES.length ? (colors[i] ?? OTHER_SEVERITY_COLOR) : OTHER_SEVERITY_COLOR)) },
    marks: [
      Plot.barY(data, Plot.stackY({
        x: 'date', y: 'count', fill: 'severity', offset: 'normalize', order: domain, className: 'mix', href: (r: (typeof data)[number]) => r.href ?? null,
        title: (r: (typeof data)[number]) => `${r.severity} · ${formatMonth(r.period)}\n${formatInteger(r.count)} of ${formatInteger(totals.get(r.period) ?? 0)} incidents`,
      })),
      ...(notes.mark ? [notes.mark] : []),
    ],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}
