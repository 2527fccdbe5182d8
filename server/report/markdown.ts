/**
 * The report as Markdown for wikis and tickets: the same sections, tables and definitions as
 * the HTML, without charts (the trend table carries their numbers). Cell text has its pipes
 * and line breaks escaped so a title like "a | b" cannot break a table.
 */
import type { Report } from '../../queries/report.ts';
import type { Definition, MetricChange } from '../../queries/report/types.ts';
import { MISSING, changeLabel, formatChange, formatDateTime, formatValue, shareText, verdictText } from './words.ts';

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
  const align = head.map((_, i) => (numeric[i] ? '---:' : '---'));
  return [head, align, ...rows].map((row, i) => `| ${(i === 1 ? row : row.map(cell)).join(' | ')} |`).join('\n');
}

function definitions(items: Definition[]): string {
  return items.length ? `\n\n${items.map((d) => `> **${cell(d.term)}**: ${d.text}`).join('  \n')}` : '';
}

function changes(items: MetricChange[], previous: string): string {
  return table(
    ['Metric', 'This period', previous, 'Change', 'Verdict'],
    items.map((c) => [changeLabel(c), formatValue(c.value, c.format), formatValue(c.previous, c.format), formatChange(c), verdictText(c) + (c.sentence ? ` — ${c.sentence}` : '')]),
    [false, true, true, true, false],
  );
}

const link = (ref: { external_id: string; url: string | null }) => (ref.url && /^https?:\/\//i.test(ref.url) ? `[${ref.external_id}](${ref.url})` : ref.external_id);

export function renderReportMarkdown(report: Report): string {
  const prev = report.period.previous.label;
  const tz = report.period.tz;
  const out: string[] = [];
  const section = (title: string, body: string, defs: Definition[]) => out.push(`## ${title}\n\n${body}${definitions(defs)}`);
  const { headline, trends, severity_mix, top_services, top_root_causes, recurring, notable, escalations, drills, communication, reviews, annotations, quality } = report;

  out.push(`# ${report.title}\n\n${report.period.from} to ${report.period.to} (exclusive), compared with ${prev}. Scope: ${report.scope.description}. Computed ${formatDateTime(report.generated_at, 'UTC')} UTC.`);
  const targets = headline.data.targets.length
    ? `\n\n### Targets\n\n${table(['Target', 'This period', prev, 'n'], headline.data.targets.map((t) => [t.text, t.status, t.previous_status, String(t.n)]), [false, false, false, true])}`
    : '\n\nNo targets are configured (hindsight.yaml, targets).';
  section(headline.title, changes(headline.data.metrics, prev) + targets, headline.definitions);
  section(trends.title, table(['Period', 'Incidents', 'MTTA', 'n', 'MTTR', 'n'], trends.data.points.map((p) => [p.period, formatValue(p.count, 'integer'), formatValue(p.mtta, 'duration'), String(p.mtta_n), formatValue(p.mttr, 'duration'), String(p.mttr_n)]), [false, true, true, true, true, true]), trends.definitions);
  section(severity_mix.title, table(['Severity', 'Incidents', 'Share', prev, 'Share before'], severity_mix.data.rows.map((r) => [r.value ?? '(none)', String(r.count), shareText(r.share), String(r.previous), shareText(r.previous_share)]), [false, true, true, true, true]), severity_mix.definitions);
  for (const [s, heading] of [[top_services, 'Service'], [top_root_causes, 'Root cause']] as const) {
    const body = table([heading, 'Incidents', 'Share', 'Cumulative', prev], s.data.rows.map((r) => [r.value ?? '(none)', String(r.count), shareText(r.share), shareText(r.cumulative), String(r.previous)]), [false, true, true, true, true]);
    section(s.title, body + (s.data.others ? `\n\nOther values: ${s.data.others} incidents.` : ''), s.definitions);
  }
  section(recurring.title, (recurring.data.groups.length
    ? table(['Service', 'Root cause', 'Incidents', 'Which'], recurring.data.groups.map((g) => [g.service, g.root_cause, String(g.count), g.incidents.map(link).join(', ')]), [false, false, true, false])
    : 'No service and root cause occurred more than once.') + `\n\n${changes([recurring.data.rate], prev)}`, recurring.definitions);
  section(notable.title, notable.data.incidents.length
    ? table(['Incident', 'Title', 'Severity', `Opened (${tz})`, 'Time to resolve', 'Why listed'], notable.data.incidents.map((i) => [link(i), i.title ?? '', i.severity ?? MISSING, formatDateTime(i.opened_at, tz), i.time_to_resolve === null ? 'open' : formatValue(i.time_to_resolve, 'duration'), i.reasons.join('; ')]), [false, false, false, false, true, false])
    : 'No incident of the highest severity, and none over a target.', notable.definitions);
  section(escalations.title, changes(escalations.data.metrics, prev), escalations.definitions);
  section(drills.title, `${drills.data.drill_count} drills in the period.\n\n` +
    table(['Metric (median)', 'Real', 'n', 'Drills', 'n'], drills.data.rows.map((r) => [r.label, formatValue(r.real, r.format), String(r.real_n), formatValue(r.drill, r.format), String(r.drill_n)]), [false, true, true, true, true]) +
    (drills.data.teams.length ? `\n\n${table(['Team', 'Since last drill'], drills.data.teams.map((t) => [t.team ?? '(none)', t.since_drill === null ? 'never' : formatValue(t.since_drill, 'duration')]), [false, true])}` : ''), drills.definitions);
  section(communication.title, changes(communication.data.metrics, prev) +
    (communication.data.by_severity.length ? `\n\n${table(['Severity', 'Cadence kept', 'n'], communication.data.by_severity.map((r) => [r.severity ?? '(none)', `${shareText(r.rate)} (${r.count})`, String(r.n)]), [false, true, true])}` : ''), communication.definitions);
  section(reviews.title, changes(reviews.data.metrics, prev) +
    (reviews.data.owners.length ? `\n\n${table(['Owner', 'Opened in period', 'Overdue now', 'Completed', 'Open at period end'], reviews.data.owners.map((o) => [o.owner ?? '(unassigned)', String(o.opened), String(o.overdue), String(o.completed), String(o.open_at_end)]), [false, true, true, true, true])}` : ''), reviews.definitions);
  section(annotations.title, annotations.data.notes.length
    ? annotations.data.notes.map((a) => `- **${a.date}: ${cell(a.label)}** (${a.placement})${a.description ? ` — ${cell(a.description)}` : ''}\n${a.results.map((r) => `  - ${r.verdict}: ${r.sentence}`).join('\n')}`).join('\n')
    : 'No process change was recorded in or shortly before this period.', annotations.definitions);
  const q = quality.data;
  section(quality.title, [
    `- ${q.incidents} incidents in scope.`,
    `- ${report.scope.include_drills ? 'Drills are included.' : `${q.drills_excluded} drills left out of every number but the drills section.`}`,
    `- ${q.outside_mttr} left out of time to resolve (still open, or resolved before they were opened).`,
    ...q.flags.map((f) => `- ${f.count} flagged \`${f.flag}\`: ${f.description}.`),
  ].join('\n'), quality.definitions);
  return `${out.join('\n\n')}\n`;
}
