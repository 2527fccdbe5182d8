/**
 * The report as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts and
 * nothing fetched (it opens offline, prints from any browser, and is what the PDF is printed
 * from). Each section starts a new printed page and ends with the definitions it uses.
 * Only links to the incidents' own tickets point elsewhere, and they are plain anchors.
 */
import type { Report } from '../../queries/report.ts';
import type { Definition, MetricChange, ShareRow } from '../../queries/report/types.ts';
import { reportCharts, type ReportChart } from './charts.ts';
import { MISSING, changeLabel, escapeHtml as e, formatChange, formatDateTime, formatValue, shareText, verdictText } from './words.ts';

const CSS = `
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 54rem; padding: 0 1rem; font-size: 14px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2rem; }
.scope { color: #555; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.verdict-better, .verdict-faster, .verdict-fewer, .status-met { color: #006b3c; font-weight: bold; }
.verdict-worse, .verdict-slower, .verdict-more, .status-missed { color: #b00020; font-weight: bold; }
.sentence { color: #444; font-size: .92em; }
figure { margin: 1rem 0; } figcaption { font-weight: bold; margin-bottom: .3rem; } figure svg { max-width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 1rem; } .legend i { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: middle; }
dl.definitions { font-size: .88em; color: #444; background: #f6f8fa; padding: .5rem .8rem; border-radius: 4px; }
dl.definitions dt { font-weight: bold; } dl.definitions dd { margin: 0 0 .3rem 0; }
.empty { color: #666; font-style: italic; }
@media print { section { break-before: page; } section.first { break-before: auto; } body { margin: 0; max-width: none; } a { color: inherit; } }
`;

const num = (text: string) => `<td class="num">${e(text)}</td>`;
const cls = (prefix: string, word: string | null) => (word ? ` class="${prefix}-${e(word.replace(/\s+/g, '-'))}"` : '');

function definitions(items: Definition[]): string {
  if (!items.length) return '';
  return `<dl class="definitions">${items.map((d) => `<dt>${e(d.term)}</dt><dd>${e(d.text)}</dd>`).join('')}</dl>`;
}

function changesTable(changes: MetricChange[], previousLabel: string): string {
  const rows = changes.map((c) => `<tr><td>${e(changeLabel(c))}</td>${num(formatValue(c.value, c.format))}${num(formatValue(c.previous, c.format))}${num(formatChange(c))}` +
    `<td><span${cls('verdict', c.verdict)}>${e(verdictText(c))}</span>${c.sentence ? `<div class="sentence">${e(c.sentence)}</div>` : ''}</td></tr>`);
  return `<table><thead><tr><th>Metric</th><th class="num">This period</th><th class="num">${e(previousLabel)}</th><th class="num">Change</th><th>Verdict</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function shareTable<R extends ShareRow>(rows: R[], heading: string, extra?: (row: R) => string): string {
  if (!rows.length) return '<p class="empty">No incidents in this period.</p>';
  const body = rows.map((r) => `<tr><td>${e(r.value ?? '(none)')}</td>${num(formatValue(r.count, 'integer'))}${num(shareText(r.share))}${num(formatValue(r.previous, 'integer'))}${num(shareText(r.previous_share))}${extra ? extra(r) : ''}</tr>`);
  return `<table><thead><tr><th>${e(heading)}</th><th class="num">Incidents</th><th class="num">Share</th><th class="num">Previous</th><th class="num">Previous share</th>${extra ? '<th class="num">Cumulative</th>' : ''}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function chart(c: ReportChart): string {
  const legend = c.legend.length ? `<div class="legend">${c.legend.map((l) => `<span><i style="background:${e(l.color)}"></i>${e(l.label)}</span>`).join('')}</div>` : '';
  return `<figure><figcaption>${e(c.title)}</figcaption>${legend}${c.svg}</figure>`;
}

function incidentLink(ref: { external_id: string; url: string | null }): string {
  // Only http(s) links: a ticket URL from an import is data, and a javascript: URL in a report would be an attack.
  return ref.url && /^https?:\/\//i.test(ref.url) ? `<a href="${e(ref.url)}">${e(ref.external_id)}</a>` : e(ref.external_id);
}

function section(title: string, body: string, defs: Definition[], first = false): string {
  return `<section${first ? ' class="first"' : ''}><h2>${e(title)}</h2>${body}${definitions(defs)}</section>`;
}

export function renderReportHtml(report: Report, charts: ReportChart[] = reportCharts(report)): string {
  const prev = report.period.previous.label;
  const tz = report.period.tz;
  const byId = new Map(charts.map((c) => [c.id, c]));
  const { headline, trends, severity_mix, top_services, top_root_causes, recurring, notable, escalations, drills, communication, reviews, annotations, quality } = report;

  const targets = headline.data.targets.length
    ? `<h3>Targets</h3><table><thead><tr><th>Target</th><th>This period</th><th>${e(prev)}</th><th class="num">n</th></tr></thead><tbody>${headline.data.targets
        .map((t) => `<tr><td>${e(t.text)}<div class="sentence">${e(t.sentence)}</div></td><td><span${cls('status', t.status)}>${e(t.status)}</span></td><td>${e(t.previous_status)}</td>${num(String(t.n))}</tr>`).join('')}</tbody></table>`
    : '<p class="empty">No targets are configured (hindsight.yaml, targets).</p>';

  const pareto = (data: typeof top_services.data, heading: string) =>
    shareTable(data.rows, heading, (r) => num(shareText(r.cumulative))) +
    (data.others ? `<p>Other values: ${formatValue(data.others, 'integer')} incidents.</p>` : '');

  const recurringBody = (recurring.data.groups.length
    ? `<table><thead><tr><th>Service</th><th>Root cause</th><th class="num">Incidents</th><th>Which</th></tr></thead><tbody>${recurring.data.groups
        .map((g) => `<tr><td>${e(g.service)}</td><td>${e(g.root_cause)}</td>${num(String(g.count))}<td>${g.incidents.map(incidentLink).join(', ')}</td></tr>`).join('')}</tbody></table>`
    : '<p class="empty">No service and root cause occurred more than once.</p>') + changesTable([recurring.data.rate], prev);

  const notableBody = notable.data.incidents.length
    ? `<table><thead><tr><th>Incident</th><th>Severity</th><th>Opened (${e(tz)})</th><th class="num">Time to resolve</th><th>Why listed</th></tr></thead><tbody>${notable.data.incidents
        .map((i) => `<tr><td>${incidentLink(i)} ${e(i.title ?? '')}</td><td>${e(i.severity ?? MISSING)}</td><td>${e(formatDateTime(i.opened_at, tz))}</td>${num(i.time_to_resolve === null ? 'open' : formatValue(i.time_to_resolve, 'duration'))}<td>${e(i.reasons.join('; '))}</td></tr>`).join('')}</tbody></table>`
    : '<p class="empty">No incident of the highest severity, and none over a target.</p>';

  const drillBody = `<p>${formatValue(drills.data.drill_count, 'integer')} drills in the period.</p><table><thead><tr><th>Metric</th><th class="num">Real</th><th class="num">n</th><th class="num">Drills</th><th class="num">n</th></tr></thead><tbody>${drills.data.rows
    .map((r) => `<tr><td>${e(r.label)} (median)</td>${num(formatValue(r.real, r.format))}${num(String(r.real_n))}${num(formatValue(r.drill, r.format))}${num(String(r.drill_n))}</tr>`).join('')}</tbody></table>` +
    (drills.data.teams.length ? `<h3>Time since each team's last drill (at the period's end)</h3><table><tbody>${drills.data.teams.map((t) => `<tr><td>${e(t.team ?? '(none)')}</td>${num(t.since_drill === null ? 'never' : formatValue(t.since_drill, 'duration'))}</tr>`).join('')}</tbody></table>` : '');

  const cadence = communication.data.by_severity.length
    ? `<table><thead><tr><th>Severity</th><th class="num">Cadence kept</th><th class="num">n</th></tr></thead><tbody>${communication.data.by_severity.map((r) => `<tr><td>${e(r.severity ?? '(none)')}</td>${num(`${shareText(r.rate)} (${r.count})`)}${num(String(r.n))}</tr>`).join('')}</tbody></table>`
    : '';

  const owners = reviews.data.owners.length
    ? `<h3>Action items by owner</h3><table><thead><tr><th>Owner</th><th class="num">Opened in period</th><th class="num">Overdue now</th><th class="num">Completed</th><th class="num">Open at period end</th></tr></thead><tbody>${reviews.data.owners
        .map((o) => `<tr><td>${e(o.owner ?? '(unassigned)')}</td>${num(String(o.opened))}${num(String(o.overdue))}${num(String(o.completed))}${num(String(o.open_at_end))}</tr>`).join('')}</tbody></table>`
    : '';

  const notes = annotations.data.notes.length
    ? `<ul>${annotations.data.notes.map((a) => `<li><b>${e(a.date)}: ${e(a.label)}</b> (${e(a.placement)})${a.description ? ` — ${e(a.description)}` : ''}<ul>${a.results.map((r) => `<li><span${cls('verdict', r.verdict)}>${e(r.verdict)}</span>: ${e(r.sentence)}</li>`).join('')}</ul></li>`).join('')}</ul>`
    : '<p class="empty">No process change was recorded in or shortly before this period.</p>';

  const q = quality.data;
  const qualityBody = `<ul><li>${formatValue(q.incidents, 'integer')} incidents in scope.</li>` +
    `<li>${report.scope.include_drills ? 'Drills are included.' : `${formatValue(q.drills_excluded, 'integer')} drills left out of every number but the drills section.`}</li>` +
    `<li>${formatValue(q.outside_mttr, 'integer')} left out of time to resolve (still open, or resolved before they were opened).</li>` +
    q.flags.map((f) => `<li>${formatValue(f.count, 'integer')} flagged <code>${e(f.flag)}</code>: ${e(f.description)}.</li>`).join('') + '</ul>';

  const body = [
    section(headline.title, changesTable(headline.data.metrics, prev) + targets, headline.definitions, true),
    section(trends.title, ['durations', 'volume', 'severity'].map((id) => (byId.get(id as ReportChart['id']) ? chart(byId.get(id as ReportChart['id'])!) : '')).join('') + trendTable(report), trends.definitions),
    section(severity_mix.title, shareTable(severity_mix.data.rows, 'Severity'), severity_mix.definitions),
    section(top_services.title, pareto(top_services.data, 'Service'), top_services.definitions),
    section(top_root_causes.title, pareto(top_root_causes.data, 'Root cause'), top_root_causes.definitions),
    section(recurring.title, recurringBody, recurring.definitions),
    section(notable.title, notableBody, notable.definitions),
    section(escalations.title, changesTable(escalations.data.metrics, prev), escalations.definitions),
    section(drills.title, drillBody, drills.definitions),
    section(communication.title, changesTable(communication.data.metrics, prev) + cadence, communication.definitions),
    section(reviews.title, changesTable(reviews.data.metrics, prev) + owners, reviews.definitions),
    section(annotations.title, notes, annotations.definitions),
    section(quality.title, qualityBody, quality.definitions),
  ].join('\n');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)}</title><style>${CSS}</style></head>
<body><header><h1>${e(report.title)}</h1>
<p class="scope">${e(report.period.from)} to ${e(report.period.to)} (exclusive), compared with ${e(prev)}. Scope: ${e(report.scope.description)}. Computed ${e(formatDateTime(report.generated_at, 'UTC'))} UTC.</p></header>
${body}
</body></html>
`;
}

function trendTable(report: Report): string {
  const rows = report.trends.data.points.map((p) => `<tr><td>${e(p.period)}</td>${num(formatValue(p.count, 'integer'))}${num(formatValue(p.mtta, 'duration'))}${num(String(p.mtta_n))}${num(formatValue(p.mttr, 'duration'))}${num(String(p.mttr_n))}</tr>`);
  return `<table><thead><tr><th>Period</th><th class="num">Incidents</th><th class="num">MTTA</th><th class="num">n</th><th class="num">MTTR</th><th class="num">n</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
