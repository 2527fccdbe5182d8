/**
 * The report's charts, drawn by the dashboard's own chart functions (web/src/charts) in a
 * server-side document, as standalone SVG text: inlined in the HTML report and turned into
 * PNGs for emails. Colours are literal (no CSS variables: a mail client or a PDF has no
 * stylesheet), and the legend is text beside the chart so it survives rasterising.
 */
import { parseHTML } from 'linkedom';
import type { Report } from '../../queries/report.ts';
import { OTHER_SEVERITY_COLOR, SEVERITIES, SEVERITY_COLORS } from '../../web/src/charts/mttr-trend.ts';
import { lineChart } from '../../web/src/charts/line-chart.ts';
import { SERIES_COLORS } from '../../web/src/charts/scales.ts';
import { severityMix } from '../../web/src/charts/severity-mix.ts';

export interface ReportChart {
  id: 'durations' | 'volume' | 'severity';
  title: string;
  /** What the colours mean, as words (series → colour). */
  legend: Array<{ label: string; color: string }>;
  svg: string;
  width: number;
  height: number;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  fontFamily?: string;
}

const documentFor = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

function svgText(element: SVGElement | HTMLElement): string {
  const svg = element.tagName.toLowerCase() === 'svg' ? element : element.querySelector('svg');
  if (!svg) throw new Error('A report chart rendered without an <svg> element.');
  return svg.outerHTML;
}

/** Reads only the trends, so a report summary (the email's) draws the same charts. */
export function reportCharts(report: Pick<Report, 'trends'>, options: ChartOptions = {}): ReportChart[] {
  const { width = 640, height = 260, fontFamily = 'DejaVu Sans, Arial, sans-serif' } = options;
  const document = documentFor();
  const { points, by_severity: mix } = report.trends.data;
  const durationPoints = points.flatMap((p) => [
    { x: p.period, series: 'MTTA', facet: '', value: p.mtta, n: p.mtta_n },
    { x: p.period, series: 'MTTR', facet: '', value: p.mttr, n: p.mttr_n },
  ]);
  const colors: [string, string] = [SERIES_COLORS[0], SERIES_COLORS[1]];
  const severityOrder = [...new Set(mix.map((row) => row.severity ?? '(none)'))];
  return [
    {
      id: 'durations', title: 'MTTA and MTTR, median per period', width, height,
      legend: [{ label: 'MTTA', color: colors[0] }, { label: 'MTTR', color: colors[1] }],
      svg: svgText(lineChart(durationPoints, { width, height, format: 'duration', label: 'median', document, colors, series: ['MTTA', 'MTTR'], fontFamily })),
    },
    {
      id: 'volume', title: 'Incidents per period', width, height,
      legend: [],
      // A line, not bars: twelve period labels under bars collide at email width, the time axis thins them.
      svg: svgText(lineChart(points.map((p) => ({ x: p.period, series: '', facet: '', value: p.count, n: p.count })), { width, height, format: 'integer', label: 'incidents', document, fontFamily, smallN: 0, colors: [SERIES_COLORS[0]] })),
    },
    {
      id: 'severity', title: 'Severity mix per period (share of incidents)', width, height,
      legend: severityOrder.map((label) => ({ label, color: severityColor(label) })),
      svg: svgText(severityMix(mix, { width, height, document, fontFamily })),
    },
  ];
}

/** The same fixed colours severityMix draws with (SEV1..SEV4, grey for anything else). */
function severityColor(label: string): string {
  const at = (SEVERITIES as readonly string[]).indexOf(label);
  return at >= 0 ? SEVERITY_COLORS[at]! : OTHER_SEVERITY_COLOR;
}
