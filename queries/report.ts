/**
 * The continuous-improvement report for a period and a scope: pure data (report/types.ts) that
 * the Report page, the HTML / PDF / Markdown / XLSX files and the summary emails all render.
 * Every number is a catalog metric run through the compiler (or the population behind one), so
 * it equals GET /api/metrics for the same scope and window; every verdict is the comparison
 * engine's. Each section states the definitions it uses.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { addDays, addMonths } from './compare/periods.ts';
import type { CompileContext } from './compile/context.ts';
import { clockLabel } from './catalog-info.ts';
import { targetAttainment } from './targets/attainment.ts';
import type { Target } from './targets/target.ts';
import { definitionsOf, keysOf, metricChanges } from './report/changes.ts';
import { notableIncidents, recurringGroups } from './report/incidents.ts';
import { annotationNotes, qualityNote } from './report/notes.ts';
import { actionItemOwners, cadenceBySeverity, drillComparison } from './report/practices.ts';
import { periodLabel, type ReportRequest } from './report/request.ts';
import { ReportReader } from './report/reader.ts';
import { pareto, shareRows } from './report/shares.ts';
import type { Report, TargetLine } from './report/types.ts';

export type { Report } from './report/types.ts';
export { parseReportRequest, type ReportRequest, type RawReportRequest } from './report/request.ts';

/** The headline numbers, in the order a review reads them. */
export const HEADLINE = [
  { metric: 'count' }, { metric: 'mtta' }, { metric: 'mttr' }, { metric: 'mttr', aggregate: 'p90' },
  { metric: 'reopen' }, { metric: 'backlog' },
];

/**
 * What the summary email shows of a report (server/email/compose.ts and the charts): the
 * headline with the targets, the trends, the top services and the notable incidents — each
 * section built exactly as in the full report, so its numbers are the report's.
 */
export type ReportSummary = Pick<Report, 'title' | 'period' | 'scope' | 'generated_at' | 'headline' | 'trends' | 'top_services' | 'notable'>;

export async function buildReport(connection: DuckDBConnection, report: ReportRequest, targets: readonly Target[], context: CompileContext): Promise<Report> {
  return (await build(connection, report, targets, context, true)) as Report;
}

/** The summary's sections only: about half the statements and comparisons of the full report. */
export async function buildSummary(connection: DuckDBConnection, report: ReportRequest, targets: readonly Target[], context: CompileContext): Promise<ReportSummary> {
  return build(connection, report, targets, context, false);
}

async function build(connection: DuckDBConnection, report: ReportRequest, targets: readonly Target[], context: CompileContext, full: boolean): Promise<ReportSummary | Report> {
  const { scope, windows } = report;
  const defs = (...ids: string[]) => definitionsOf(scope, ...ids);
  const reader = new ReportReader(connection, context);
  const changes = (picks: Array<{ metric: string; aggregate?: string }>) => metricChanges(reader, scope, windows, picks);
  const previousLabel = periodLabel(report.kind, windows.previous.from, windows.previous.to);
  const filters = Object.entries(scope.filters).map(([dim, values]) => `${dim} = ${values.join(' or ')}`);

  // Every section is started before any is awaited, the summary's first (the headline leading,
  // so the sections reusing its rows find them). Each statement answers on its own whatever
  // runs beside it, so the numbers are those of running them in turn; what is gained is that a
  // section asking for rows an earlier one already asked for shares its statement (reader.ts)
  // and that DuckDB always has the next statements at hand. Hazard: the node binding needs the
  // JavaScript thread between a statement's steps, so while a comparison's statistics run
  // (~0.3 s at a month of 60,000 incidents) the statements behind them mostly wait — they
  // overlap little; measured, taking the statements strictly one at a time was no faster.
  // Promise.all: one failure fails the report and leaves no other rejection unhandled.
  const summaryParts = Promise.all([
    changes(HEADLINE),
    judgeTargets(connection, report, targets, context),
    trends(reader, report),
    shareRows(reader, scope, windows, 'service').then(pareto),
    notableIncidents(connection, scope, targets, context),
  ]);
  const restParts = full
    ? Promise.all([
      shareRows(reader, scope, windows, 'severity'),
      shareRows(reader, scope, windows, 'root_cause').then(pareto),
      recurringGroups(connection, scope, context),
      changes([{ metric: 'recurrence' }]),
      changes([{ metric: 'escalation' }, { metric: 'tte' }, { metric: 'reassignments' }]),
      drillComparison(reader, scope, windows),
      changes([{ metric: 'cadence' }, { metric: 'ttfu' }]),
      cadenceBySeverity(reader, scope, windows),
      changes([{ metric: 'review_coverage' }, { metric: 'action_items' }, { metric: 'action_items_overdue' }, { metric: 'action_items_on_time' }, { metric: 'action_items_open' }]),
      actionItemOwners(reader, scope, windows),
      annotationNotes(connection, windows.current, context),
      qualityNote(reader, scope, windows.current),
    ])
    : null;
  const [[headline, targetLines, trend, services, notable], rest] = await Promise.all([summaryParts, restParts]);

  const summary: ReportSummary = {
    title: `Incident review, ${report.label}`,
    period: { label: report.label, period: report.period, kind: report.kind, from: windows.current.from, to: windows.current.to, tz: scope.tz, previous: { ...windows.previous, label: previousLabel } },
    scope: {
      filters: scope.filters, include_drills: scope.include_drills, clock: clockLabel(scope),
      description: [filters.length ? filters.join('; ') : 'all incidents', scope.include_drills ? 'drills included' : 'drills excluded', `durations on the ${clockLabel(scope)}`, `dates in ${scope.tz}`].join(', '),
    },
    generated_at: context.now.toISOString(),
    headline: {
      title: 'Headline',
      definitions: [
        ...defs('count', 'mtta', 'mttr', 'reopen', 'backlog'),
        { term: 'Verdict', text: `Whether the change from ${previousLabel} is larger than noise: a two-sided test at the 5% level; "not enough data" below 10 incidents in either period.` },
        ...(targetLines.length ? [{ term: 'Target status', text: 'met or missed only when the whole 95% interval is on one side of the target; undecided when it straddles it.' }] : []),
      ],
      data: { metrics: headline, targets: targetLines },
    },
    trends: {
      title: 'Trends',
      definitions: [...defs('count', 'mtta', 'mttr'), { term: 'n', text: 'How many incidents each median rests on; medians on fewer than 5 are shown hollow.' }],
      data: trend,
    },
    top_services: { title: 'Top services', definitions: [{ term: 'Pareto', text: 'Services by incidents in the period, largest first, until 80% of the period\'s incidents (at most 10); the rest are counted as others.' }], data: services },
    notable: {
      title: 'Notable incidents',
      definitions: [{ term: 'Notable', text: 'Every incident of the highest severity, the five longest to resolve, and those over a target\'s threshold (at most 10 per target).' }, ...defs('mttr')],
      data: { incidents: notable },
    },
  };
  if (!rest) return summary;
  const [severity, causes, groups, recurrence, escalations, drills, communication, cadence, reviews, owners, notes, quality] = rest;
  // The full report in its own section order (the JSON answer and every render list them so).
  return {
    title: summary.title,
    period: summary.period,
    scope: summary.scope,
    generated_at: summary.generated_at,
    headline: summary.headline,
    trends: summary.trends,
    severity_mix: { title: 'Severity mix', definitions: [{ term: 'Share', text: 'Incidents of the severity over all incidents in scope opened in the period.' }], data: { rows: severity } },
    top_services: summary.top_services,
    top_root_causes: { title: 'Top root causes', definitions: [{ term: 'Pareto', text: 'Root causes by incidents in the period, largest first, until 80% of the period\'s incidents (at most 10); incidents without a root cause are one group.' }], data: causes },
    recurring: {
      title: 'Recurring incidents',
      definitions: [...defs('recurrence'), { term: 'Recurring pair', text: 'A service and root cause with two or more incidents opened in the period.' }],
      data: { groups, rate: recurrence[0]! },
    },
    notable: summary.notable,
    escalations: { title: 'Escalations', definitions: defs('escalation', 'tte', 'reassignments'), data: { metrics: escalations } },
    drills: {
      title: 'Drills and real incidents',
      definitions: [...defs('mtta', 'mttr', 'ttfu', 'since_drill'), { term: 'Drills', text: 'Exercises flagged as drills; kept out of every other number in this report unless drills are included.' }],
      data: drills,
    },
    communication: {
      title: 'Communication',
      definitions: defs('cadence', 'ttfu'),
      data: { metrics: communication, by_severity: cadence },
    },
    reviews: {
      title: 'Post-incident reviews and action items',
      definitions: defs('review_coverage', 'action_items', 'action_items_overdue', 'action_items_on_time', 'action_items_open'),
      data: {
        metrics: reviews,
        owners,
      },
    },
    annotations: {
      title: 'Process changes',
      definitions: [{ term: 'Before/after', text: 'MTTA and MTTR in the 90 days before the change against the 90 days from it, in the change\'s own scope, with the verdict of the same test.' }],
      data: { notes },
    },
    quality: {
      title: 'Data quality',
      definitions: [{ term: 'Left out', text: 'Records are never dropped: ones that cannot be used for a number are kept, flagged and counted here.' }],
      data: quality,
    },
  };
}

/** Configured targets judged over the period and the previous one (same scope and clock). */
async function judgeTargets(connection: DuckDBConnection, report: ReportRequest, targets: readonly Target[], context: CompileContext): Promise<TargetLine[]> {
  if (targets.length === 0) return [];
  const judge = async (window: { from: string; to: string }) =>
    (await targetAttainment(connection, { ...report.scope, metrics: ['count'], grain: null, from: window.from, to: window.to }, targets, context)).targets;
  const [now, before] = await Promise.all([judge(report.windows.current), judge(report.windows.previous)]);
  return now.map((target, i) => {
    const judgement = target.periods[0]!;
    return {
      text: target.text, label: target.label, severity: target.severity,
      status: judgement.status, previous_status: before[i]?.periods[0]?.status ?? 'not enough data',
      observed: judgement.value, n: judgement.n, sentence: judgement.sentence,
    };
  });
}

/** Twelve periods of the report's kind ending with it (months for a range): count, MTTA and MTTR medians with their n. */
async function trends(reader: ReportReader, report: ReportRequest): Promise<Report['trends']['data']> {
  const grain = report.kind === 'quarter' ? 'quarter' : report.kind === 'year' ? 'year' : 'month';
  const months = { month: 1, quarter: 3, year: 12 }[grain];
  // A range's trend ends with the month its last day falls in; whole periods end where the period does.
  const lastStart = report.kind === 'range' ? `${addDays(report.windows.current.to, -1).slice(0, 7)}-01` : report.windows.current.from;
  const to = addMonths(lastStart, months);
  const from = addMonths(lastStart, -11 * months);
  const [result, mix] = await Promise.all([
    reader.rows({ ...report.scope, metrics: ['count', 'mtta', 'mttr'], grain, from, to }),
    reader.rows({ ...report.scope, metrics: ['count'], by: ['severity'], grain, from, to }),
  ]);
  const mtta = keysOf('mtta');
  const mttr = keysOf('mttr');
  return {
    grain,
    points: result.map((row) => ({
      period: String(row.period),
      count: Number(row.count ?? 0),
      mtta: typeof row[mtta.value] === 'number' ? (row[mtta.value] as number) : null,
      mtta_n: Number(row[mtta.n] ?? 0),
      mttr: typeof row[mttr.value] === 'number' ? (row[mttr.value] as number) : null,
      mttr_n: Number(row[mttr.n] ?? 0),
    })),
    by_severity: mix.map((row) => ({ period: String(row.period), severity: row.severity === null ? null : String(row.severity), count: Number(row.count ?? 0) })),
  };
}
