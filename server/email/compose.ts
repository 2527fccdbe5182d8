/**
 * A summary email from the report model: a subject that states the period and the headline, an
 * HTML body that real mail clients render (table layout, inline styles, no scripts, no remote
 * images: charts are inline PNG parts referenced by cid), and a text/plain alternative with the
 * same numbers. Every change is phrased with its verdict and n, and links lead to the dashboard
 * view with the same scope and period when base_url is set.
 */
import type { ReportSummary } from '../../queries/report.ts';
import type { MetricChange } from '../../queries/report/types.ts';
import { reportCharts } from '../report/charts.ts';
import { MISSING, changeLabel, escapeHtml as e, formatChange, formatValue } from '../report/words.ts';
import type { EmailPeriod } from './periods.ts';
import { FONT_FAMILY, svgToPng } from './png.ts';

export interface InlineImage {
  cid: string;
  filename: string;
  png: Buffer;
  /** Pixels of the PNG (twice the displayed size, for sharp text). */
  width: number;
  height: number;
  alt: string;
}

export interface ComposedEmail {
  subject: string;
  html: string;
  text: string;
  images: InlineImage[];
  /** No incident in scope in the period (what skip_when_empty looks at). */
  empty: boolean;
}

export interface ComposeOptions {
  schedule: string;
  /** `dim=value` filters of the schedule (its scope). */
  filters: string[];
  period: EmailPeriod;
  tz: string;
  /** The dashboard's public address without a trailing slash, or null (no links). */
  baseUrl: string | null;
}

/** The verdict as a reader's phrase: "within noise" says more to leadership than "no detectable change". */
export function verdictPhrase(verdict: string | null): string | null {
  if (verdict === null) return null;
  return { 'no detectable change': 'within noise', 'not enough data': 'too few to tell' }[verdict] ?? verdict;
}

const DISPLAY_WIDTH = 600;

function headlineOf(report: ReportSummary, metric: string, aggregate?: string): MetricChange | undefined {
  return report.headline.data.metrics.find((m) => m.metric === metric && (!aggregate || m.aggregate === aggregate));
}

function phraseChange(change: MetricChange): string {
  const parts = [formatChange(change), verdictPhrase(change.verdict)].filter((part) => part && part !== MISSING);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** "Incidents, October 2026: MTTR 42m (−18%, within noise), 3 SEV1". */
export function subjectOf(report: ReportSummary): string {
  const count = headlineOf(report, 'count');
  if (!count?.value) return `Incidents, ${report.period.label}: none in scope`;
  const mttr = headlineOf(report, 'mttr', 'median');
  const top = report.notable.data.incidents.filter((i) => i.reasons.includes('highest severity'));
  const topLabel = top[0]?.severity;
  const parts = [
    mttr && mttr.value !== null ? `MTTR ${formatValue(mttr.value, 'duration')}${phraseChange(mttr)}` : null,
    topLabel ? `${top.length} ${topLabel}` : `${formatValue(count.value, 'integer')} incidents`,
  ].filter(Boolean);
  return `Incidents, ${report.period.label}: ${parts.join(', ')}`;
}

/** The dashboard's Overview with the same scope and dates (its URL format: web/src/lib/filters.ts). */
export function dashboardLink(options: ComposeOptions): string | null {
  if (!options.baseUrl) return null;
  const search = new URLSearchParams({ from: options.period.from, to: options.period.to });
  if (options.tz !== 'UTC') search.set('tz', options.tz);
  for (const filter of options.filters) {
    const at = filter.indexOf('=');
    search.append(filter.slice(0, at), filter.slice(at + 1));
  }
  return `${options.baseUrl}/?${search.toString()}`;
}

/** The full report (HTML) for the same scope and period. */
export function reportLink(options: ComposeOptions): string | null {
  if (!options.baseUrl) return null;
  const search = new URLSearchParams(options.period.request.period ? { period: options.period.request.period } : { from: options.period.from, to: options.period.to });
  if (options.tz !== 'UTC') search.set('tz', options.tz);
  for (const filter of options.filters) search.append('filter', filter);
  search.set('format', 'html');
  return `${options.baseUrl}/api/report?${search.toString()}`;
}

const verdictColor = (verdict: string | null) =>
  verdict && ['faster', 'fewer', 'better'].includes(verdict) ? '#006b3c' : verdict && ['slower', 'more', 'worse'].includes(verdict) ? '#b00020' : '#444444';

/** `report`: the summary's sections are all it reads (a full report is one too). */
export function composeEmail(report: ReportSummary, options: ComposeOptions): ComposedEmail {
  const count = headlineOf(report, 'count');
  const empty = !count?.value;
  const charts = empty ? [] : reportCharts(report, { width: DISPLAY_WIDTH, height: 240, fontFamily: FONT_FAMILY });
  const images: InlineImage[] = charts.map((chart) => {
    const { png, width, height } = svgToPng(chart.svg);
    return { cid: `${chart.id}.${options.schedule}.${options.period.key}@hindsight`, filename: `${chart.id}.png`, png, width, height, alt: chart.title };
  });
  const subject = subjectOf(report);
  const dashboard = dashboardLink(options);
  const full = reportLink(options);
  const prev = report.period.previous.label;
  const metrics = report.headline.data.metrics;
  const cell = 'padding:6px 8px;border-bottom:1px solid #e5e5e5;font-size:14px;';
  const num = `${cell}text-align:right;white-space:nowrap;`;

  const rows = metrics.map((m) => `<tr><td style="${cell}">${e(changeLabel(m))}</td><td style="${num}"><b>${e(formatValue(m.value, m.format))}</b></td><td style="${num}">${e(formatValue(m.previous, m.format))}</td><td style="${num}">${e(formatChange(m))}</td>` +
    `<td style="${cell}color:${verdictColor(m.verdict)};">${e(verdictPhrase(m.verdict) ?? 'not tested')} <span style="color:#666666;">(n = ${m.n} vs ${m.previous_n})</span></td></tr>`).join('');
  const sentences = metrics.filter((m) => m.sentence).map((m) => `<li style="margin:0 0 4px 0;">${e(m.sentence!)}</li>`).join('');
  const targets = report.headline.data.targets.map((t) => `<li style="margin:0 0 4px 0;">${e(t.text)}: <b>${e(t.status)}</b> (n = ${t.n}; ${e(prev)}: ${e(t.previous_status)})</li>`).join('');
  const services = report.top_services.data.rows.slice(0, 5).map((r) => `<li style="margin:0 0 4px 0;">${e(r.value ?? '(none)')}: ${r.count} (${e(formatValue(r.share, 'percent'))}; ${e(prev)}: ${r.previous})</li>`).join('');
  const notable = report.notable.data.incidents.slice(0, 5).map((i) => `<li style="margin:0 0 4px 0;">${e(i.external_id)} ${e(i.severity ?? '')} ${e(i.title ?? '')} — ${e(i.time_to_resolve === null ? 'still open' : `resolved in ${formatValue(i.time_to_resolve, 'duration')}`)} (${e(i.reasons.join('; '))})</li>`).join('');
  const figures = images.map((image, i) => `<tr><td style="padding:12px 0 0 0;"><div style="font-size:14px;font-weight:bold;margin:0 0 4px 0;">${e(image.alt)}</div>` +
    (charts[i]!.legend.length ? `<div style="font-size:12px;color:#444444;margin:0 0 4px 0;">${charts[i]!.legend.map((l) => `<span style="color:${e(l.color)};">&#9632;</span> ${e(l.label)}`).join(' &nbsp; ')}</div>` : '') +
    `<img src="cid:${e(image.cid)}" width="${DISPLAY_WIDTH}" alt="${e(image.alt)}" style="display:block;width:100%;max-width:${DISPLAY_WIDTH}px;height:auto;border:0;"></td></tr>`).join('');
  const section = (title: string, body: string) => (body ? `<tr><td style="padding:16px 0 0 0;"><div style="font-size:16px;font-weight:bold;margin:0 0 6px 0;">${e(title)}</div>${body}</td></tr>` : '');
  const link = (href: string | null, label: string) => (href ? `<a href="${e(href)}" style="color:#0b5cad;">${e(label)}</a>` : '');
  const links = [link(dashboard, 'Open in the dashboard'), link(full, 'Full report')].filter(Boolean).join(' &nbsp;·&nbsp; ');

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4;"><tr><td align="center" style="padding:16px;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;width:100%;background:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;">
<tr><td style="padding:20px 20px 0 20px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td><div style="font-size:20px;font-weight:bold;">${e(report.title)}</div>
<div style="font-size:13px;color:#555555;margin:4px 0 0 0;">Compared with ${e(prev)}. Scope: ${e(report.scope.description)}.</div></td></tr>
${empty ? `<tr><td style="padding:16px 0 0 0;font-size:14px;">No incident in scope was opened in ${e(report.period.label)}.</td></tr>` : ''}
<tr><td style="padding:16px 0 0 0;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><th align="left" style="${cell}">Metric</th><th align="right" style="${num}">This period</th><th align="right" style="${num}">${e(prev)}</th><th align="right" style="${num}">Change</th><th align="left" style="${cell}">Is it real?</th></tr>
${rows}</table></td></tr>
${section('What the numbers say', sentences ? `<ul style="margin:0;padding:0 0 0 18px;font-size:13px;">${sentences}</ul>` : '')}
${section('Targets', targets ? `<ul style="margin:0;padding:0 0 0 18px;font-size:13px;">${targets}</ul>` : '')}
${figures}
${section('Top services', services ? `<ul style="margin:0;padding:0 0 0 18px;font-size:13px;">${services}</ul>` : '')}
${section('Notable incidents', notable ? `<ul style="margin:0;padding:0 0 0 18px;font-size:13px;">${notable}</ul>` : '')}
${links ? `<tr><td style="padding:16px 0 0 0;font-size:14px;">${links}</td></tr>` : ''}
<tr><td style="padding:16px 0 20px 0;font-size:12px;color:#666666;">Medians are compared with a two-sided test at the 5% level; "within noise" means the change is smaller than what these numbers can show, "too few to tell" means fewer than 10 incidents in a period. Drills are left out. Sent by Hindsight (schedule ${e(options.schedule)}).</td></tr>
</table></td></tr></table>
</td></tr></table>
</body></html>
`;

  const textLines = [
    report.title,
    `Compared with ${prev}. Scope: ${report.scope.description}.`,
    '',
    ...(empty ? [`No incident in scope was opened in ${report.period.label}.`, ''] : []),
    ...metrics.map((m) => `${changeLabel(m)}: ${formatValue(m.value, m.format)} (${prev}: ${formatValue(m.previous, m.format)}, ${formatChange(m)}) — ${verdictPhrase(m.verdict) ?? 'not tested'} (n = ${m.n} vs ${m.previous_n})`),
    ...(sentences ? ['', ...metrics.filter((m) => m.sentence).map((m) => `- ${m.sentence}`)] : []),
    ...(report.headline.data.targets.length ? ['', 'Targets:', ...report.headline.data.targets.map((t) => `- ${t.text}: ${t.status} (n = ${t.n}; ${prev}: ${t.previous_status})`)] : []),
    ...(report.top_services.data.rows.length ? ['', 'Top services:', ...report.top_services.data.rows.slice(0, 5).map((r) => `- ${r.value ?? '(none)'}: ${r.count} (${formatValue(r.share, 'percent')}; ${prev}: ${r.previous})`)] : []),
    ...(report.notable.data.incidents.length ? ['', 'Notable incidents:', ...report.notable.data.incidents.slice(0, 5).map((i) => `- ${i.external_id} ${i.severity ?? ''} ${i.title ?? ''} — ${i.time_to_resolve === null ? 'still open' : `resolved in ${formatValue(i.time_to_resolve, 'duration')}`} (${i.reasons.join('; ')})`)] : []),
    ...(dashboard ? ['', `Dashboard: ${dashboard}`] : []),
    ...(full ? [`Full report: ${full}`] : []),
    '',
    `Sent by Hindsight (schedule ${options.schedule}).`,
  ];
  return { subject, html, text: `${textLines.join('\n')}\n`, images, empty };
}
