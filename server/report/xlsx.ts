/**
 * The report as one XLSX workbook: a sheet per section and the incident rows. Numbers stay
 * numbers in their declared format — durations as days with an `[h]:mm:ss` format (they sum and
 * sort as durations), shares with a percent format, instants as date cells (UTC; the header
 * says so) — never text. Verdicts and definitions are text beside them.
 */
import ExcelJS from 'exceljs';
import type { Report } from '../../queries/report.ts';
import type { ReportIncidentRow } from '../../queries/report/rows.ts';
import type { Definition, Format, MetricChange } from '../../queries/report/types.ts';
import { DATE_FORMAT, DURATION_FORMAT } from '../export/xlsx.ts';
import { changeLabel } from './words.ts';

export const PERCENT_FORMAT = '0.0%';
type Kind = Format | 'text' | 'date';
interface Column { header: string; kind: Kind; width?: number }

const FORMATS: Partial<Record<Kind, string>> = { duration: DURATION_FORMAT, percent: PERCENT_FORMAT, integer: '#,##0', decimal: '0.00', date: DATE_FORMAT };

function cellValue(value: unknown, kind: Kind): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (kind === 'duration') return Number(value) / 86_400;
  if (kind === 'date') return new Date(Number(value));
  return value as ExcelJS.CellValue;
}

/** Adds a sheet: a title row, the table, and the section's definitions under it. */
function sheet(workbook: ExcelJS.Workbook, name: string, title: string, columns: Column[], rows: unknown[][], defs: Definition[] = []): void {
  const ws = workbook.addWorksheet(name.slice(0, 31));
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const values of rows) {
    const row = ws.addRow(values.map((value, i) => cellValue(value, columns[i]?.kind ?? 'text')));
    columns.forEach((c, i) => {
      const format = FORMATS[c.kind];
      // A per-row format: one column may mix kinds (a metric table holds durations and shares).
      if (format) row.getCell(i + 1).numFmt = format;
    });
  }
  columns.forEach((c, i) => { ws.getColumn(i + 1).width = c.width ?? Math.max(12, c.header.length + 2); });
  if (defs.length) {
    ws.addRow([]);
    for (const d of defs) ws.addRow([d.term, d.text]);
  }
}

/** Metric tables mix formats per row, so each row's value cells get that row's format. */
function changeSheet(workbook: ExcelJS.Workbook, name: string, title: string, changes: MetricChange[], previous: string, defs: Definition[]): void {
  const ws = workbook.addWorksheet(name.slice(0, 31));
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow(['Metric', 'This period', previous, 'Relative change', 'n', `n ${previous}`, 'Verdict', 'Sentence']).font = { bold: true };
  for (const c of changes) {
    const row = ws.addRow([changeLabel(c), cellValue(c.value, c.format), cellValue(c.previous, c.format), c.relative_change, c.n, c.previous_n, c.verdict ?? 'not tested', c.sentence ?? '']);
    const format = FORMATS[c.format];
    if (format) { row.getCell(2).numFmt = format; row.getCell(3).numFmt = format; }
    row.getCell(4).numFmt = '+0%;-0%;0%';
  }
  [24, 14, 16, 14, 8, 10, 22, 80].forEach((width, i) => { ws.getColumn(i + 1).width = width; });
  ws.addRow([]);
  for (const d of defs) ws.addRow([d.term, d.text]);
}

export async function renderReportXlsx(report: Report, incidents: ReportIncidentRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hindsight';
  workbook.created = new Date(report.generated_at);
  const prev = report.period.previous.label;
  const { headline, trends, severity_mix, top_services, top_root_causes, recurring, notable, escalations, drills, communication, reviews, annotations, quality } = report;

  changeSheet(workbook, 'Headline', `${report.title} — ${report.scope.description}`, headline.data.metrics, prev, headline.definitions);
  sheet(workbook, 'Targets', 'Targets', [{ header: 'Target', kind: 'text', width: 40 }, { header: 'Status', kind: 'text' }, { header: prev, kind: 'text' }, { header: 'n', kind: 'integer' }, { header: 'Sentence', kind: 'text', width: 80 }],
    headline.data.targets.map((t) => [t.text, t.status, t.previous_status, t.n, t.sentence]));
  sheet(workbook, 'Trends', trends.title, [{ header: 'Period start', kind: 'text' }, { header: 'Incidents', kind: 'integer' }, { header: 'MTTA (median)', kind: 'duration' }, { header: 'MTTA n', kind: 'integer' }, { header: 'MTTR (median)', kind: 'duration' }, { header: 'MTTR n', kind: 'integer' }],
    trends.data.points.map((p) => [p.period, p.count, p.mtta, p.mtta_n, p.mttr, p.mttr_n]), trends.definitions);
  sheet(workbook, 'Severity mix', severity_mix.title, [{ header: 'Severity', kind: 'text' }, { header: 'Incidents', kind: 'integer' }, { header: 'Share', kind: 'percent' }, { header: prev, kind: 'integer' }, { header: `Share ${prev}`, kind: 'percent' }],
    severity_mix.data.rows.map((r) => [r.value ?? '(none)', r.count, r.share, r.previous, r.previous_share]), severity_mix.definitions);
  for (const [s, name] of [[top_services, 'Top services'], [top_root_causes, 'Top root causes']] as const) {
    sheet(workbook, name, s.title, [{ header: 'Value', kind: 'text', width: 28 }, { header: 'Incidents', kind: 'integer' }, { header: 'Share', kind: 'percent' }, { header: 'Cumulative', kind: 'percent' }, { header: prev, kind: 'integer' }],
      [...s.data.rows.map((r) => [r.value ?? '(none)', r.count, r.share, r.cumulative, r.previous]), ...(s.data.others ? [['(others)', s.data.others, null, null, null]] : [])], s.definitions);
  }
  sheet(workbook, 'Recurring', recurring.title, [{ header: 'Service', kind: 'text', width: 24 }, { header: 'Root cause', kind: 'text', width: 24 }, { header: 'Incidents', kind: 'integer' }, { header: 'Which', kind: 'text', width: 60 }],
    recurring.data.groups.map((g) => [g.service, g.root_cause, g.count, g.incidents.map((i) => i.external_id).join(', ')]), recurring.definitions);
  sheet(workbook, 'Notable', notable.title, [{ header: 'Incident', kind: 'text' }, { header: 'Title', kind: 'text', width: 50 }, { header: 'Severity', kind: 'text' }, { header: 'Opened (UTC)', kind: 'date', width: 20 }, { header: 'Time to resolve', kind: 'duration' }, { header: 'Why listed', kind: 'text', width: 50 }],
    notable.data.incidents.map((i) => [i.external_id, i.title, i.severity, i.opened_at ? Date.parse(i.opened_at) : null, i.time_to_resolve, i.reasons.join('; ')]), notable.definitions);
  changeSheet(workbook, 'Escalations', escalations.title, escalations.data.metrics, prev, escalations.definitions);
  sheet(workbook, 'Drills', drills.title, [{ header: 'Metric (median)', kind: 'text' }, { header: 'Real', kind: 'duration' }, { header: 'Real n', kind: 'integer' }, { header: 'Drills', kind: 'duration' }, { header: 'Drills n', kind: 'integer' }],
    drills.data.rows.map((r) => [r.label, r.real, r.real_n, r.drill, r.drill_n]), drills.definitions);
  changeSheet(workbook, 'Communication', communication.title, communication.data.metrics, prev, communication.definitions);
  changeSheet(workbook, 'Reviews', reviews.title, reviews.data.metrics, prev, reviews.definitions);
  sheet(workbook, 'Action items by owner', 'Action items by owner', [{ header: 'Owner', kind: 'text', width: 24 }, { header: 'Opened in period', kind: 'integer' }, { header: 'Overdue now', kind: 'integer' }, { header: 'Completed', kind: 'integer' }, { header: 'Open at period end', kind: 'integer' }],
    reviews.data.owners.map((o) => [o.owner ?? '(unassigned)', o.opened, o.overdue, o.completed, o.open_at_end]));
  sheet(workbook, 'Process changes', annotations.title, [{ header: 'Date', kind: 'text' }, { header: 'Change', kind: 'text', width: 30 }, { header: 'Placement', kind: 'text' }, { header: 'Metric', kind: 'text' }, { header: 'Verdict', kind: 'text', width: 20 }, { header: 'Sentence', kind: 'text', width: 80 }],
    annotations.data.notes.flatMap((a) => (a.results.length ? a.results : [{ metric: '', verdict: '', sentence: '' }]).map((r) => [a.date, a.label, a.placement, r.metric, r.verdict, r.sentence])), annotations.definitions);
  const q = quality.data;
  sheet(workbook, 'Data quality', quality.title, [{ header: 'What', kind: 'text', width: 60 }, { header: 'Incidents', kind: 'integer' }],
    [['In scope', q.incidents], ['Drills left out', q.drills_excluded], ['Left out of time to resolve', q.outside_mttr], ...q.flags.map((f) => [`Flagged ${f.flag}: ${f.description}`, f.count])], quality.definitions);
  sheet(workbook, 'Incidents', `Incidents opened in ${report.period.label} (${report.scope.description})`, [
    { header: 'Source', kind: 'text' }, { header: 'Id', kind: 'text' }, { header: 'Title', kind: 'text', width: 50 }, { header: 'Severity', kind: 'text' }, { header: 'Status', kind: 'text' },
    { header: 'Service', kind: 'text' }, { header: 'Team', kind: 'text' }, { header: 'Root cause', kind: 'text' }, { header: 'Assignee', kind: 'text' },
    { header: 'Opened (UTC)', kind: 'date', width: 20 }, { header: 'Acknowledged (UTC)', kind: 'date', width: 20 }, { header: 'Resolved (UTC)', kind: 'date', width: 20 },
    { header: 'Time to acknowledge', kind: 'duration' }, { header: 'Time to resolve', kind: 'duration' }, { header: 'Reopened', kind: 'integer' }, { header: 'Escalations', kind: 'integer' }, { header: 'URL', kind: 'text', width: 40 },
  ], incidents.map((i) => [i.source, i.external_id, i.title, i.severity, i.status, i.service, i.team, i.root_cause, i.assignee, i.opened_at, i.acknowledged_at, i.resolved_at, i.time_to_acknowledge, i.time_to_resolve, i.reopen_count, i.escalation_count, i.url]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
