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
import { runMetrics } from './run.ts';
import { targetAttainment } from './targets/attainment.ts';
import type { Target } from './targets/target.ts';
import { definitionsOf, keysOf, metricChanges } from './report/changes.ts';
import { notableIncidents, recurringGroups } from './report/incidents.ts';
import { annotationNotes, qualityNote } from './report/notes.ts';
import { actionItemOwners, cadenceBySeverity, drillComparison } from './report/practices.ts';
import { periodLabel, type ReportRequest } from './report/request.ts';
import { pareto, shareRows } from './report/shares.ts';
import type { Report, TargetLine } from './report/types.ts';

export type { Report } from './report/types.ts';
export { parseReportRequest, type ReportRequest, type RawReportRequest } from './report/request.ts';

/** The headline numbers, in the order a review reads them. */
export const HEADLINE = [
  { metric: 'count' }, { metric: 'mtta' }, { metric: 'mttr' }, { metric: 'mttr', aggregate: 'p90' },
  { metric: 'reopen' }, { metric: 'backlog' },
];

export async function buildReport(connection: DuckDBConnection, report: ReportRequest, targets: readonly Target[], context: CompileContext): Promise<Report> {
  const { scope, windows } = report;
  const defs = (...ids: string[]) => definitionsOf(scope, ...ids);
  const changes = (picks: Array<{ metric: string; aggregate?: string }>) => metricChanges(connection, scope, windows, picks, context);
  const previousLabel = periodLabel(report.kind, windows.previous.from, windows.previous.to);
  const filters = Object.entries(scope.filters).map(([dim, values]) => `${dim} = ${values.join(' or ')}`);

  const targetLines = await judgeTargets(connection, report, targets, context);
  const trend = await trends(connection, report, context);
  const severity = await shareRows(connection, scope, windows, 'severity', context);
  const services = pareto(await shareRows(connection, scope, windows, 'service', context));
  const causes = pareto(await shareRows(connection, scope, windows, 'root_cause', context));

  return {
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
      data: { metrics: await changes(HEADLINE), targets: targetLines },
    },
    trends: {
      title: 'Trends',
      definitions: [...defs('count', 'mtta', 'mttr'), { term: 'n', text: 'How many incidents each median rests on; medians on fewer than 5 are shown hollow.' }],
      data: trend,
    },
    severity_mix: { title: 'Severity mix', definitions: [{ term: 'Share', text: 'Incidents of the severity over all incidents in scope opened in the period.' }], data: { rows: severity } },
    top_services: { title: 'Top services', definitions: [{ term: 'Pareto', text: 'Services by incidents in the period, largest first, until 80% of the period\'s incidents (at most 10); the rest are counted as others.' }], data: services },
    top_root_causes: { title: 'Top root causes', definitions: [{ term: 'Pareto', text: 'Root causes by incidents in the period, largest first, until 80% of the period\'s incidents (at most 10); incidents without a root cause are one group.' }], data: causes },
    recurring: {
      title: 'Recurring incidents',
      definitions: [...defs('recurrence'), { term: 'Recurring pair', text: 'A service and root cause with two or more incidents opened in the period.' }],
      data: { groups: await recurringGroups(connection, scope, context), rate: (await changes([{ metric: 'recurrence' }]))[0]! },
    },
    notable: {
      title: 'Notable incidents',
      definitions: [{ term: 'Notable', text: 'Every incident of the highest severity, the five longest to resolve, and those over a target\'s threshold (at most 10 per target).' }, ...defs('mttr')],
      data: { incidents: await notableIncidents(connection, scope, targets, context) },
    },
    escalations: { title: 'Escalations', definitions: defs('escalation', 'tte', 'reassignments'), data: { metrics: await changes([{ metric: 'escalation' }, { metric: 'tte' }, { metric: 'reassignments' }]) } },
    drills: {
      title: 'Drills and real incidents',
      definitions: [...defs('mtta', 'mttr', 'ttfu', 'since_drill'), { term: 'Drills', text: 'Exercises flagged as drills; kept out of every other number in this report unless drills are included.' }],
      data: await drillComparison(connection, scope, windows, context),
    },
    communication: {
      title: 'Communication',
      definitions: defs('cadence', 'ttfu'),
      data: { metrics: await changes([{ metric: 'cadence' }, { metric: 'ttfu' }]), by_severity: await cadenceBySeverity(connection, scope, windows, context) },
    },
    reviews: {
      title: 'Post-incident reviews and action items',
      definitions: defs('review_coverage', 'action_items', 'action_items_overdue', 'action_items_on_time', 'action_items_open'),
      data: {
        metrics: await changes([{ metric: 'review_coverage' }, { metric: 'action_items' }, { metric: 'action_items_overdue' }, { metric: 'action_items_on_time' }, { metric: 'action_items_open' }]),
        owners: await actionItemOwners(connection, scope, windows, context),
      },
    },
    annotations: {
      title: 'Process changes',
      definitions: [{ term: 'Before/after', text: 'MTTA and MTTR in the 90 days before the change against the 90 days from it, in the change\'s own scope, with the verdict of the same test.' }],
      data: { notes: await annotationNotes(connection, windows.current, context) },
    },
    quality: {
      title: 'Data quality',
      definitions: [{ term: 'Left out', text: 'Records are never dropped: ones that cannot be used for a number are kept, flagged and counted here.' }],
      data: await qualityNote(connection, scope, windows.current, context),
    },
  };
}

/** Configured targets judged over the period and the previous one (same scope and clock). */
async function judgeTargets(connection: DuckDBConnection, report: ReportRequest, targets: readonly Target[], context: CompileContext): Promise<TargetLine[]> {
  if (targets.length === 0) return [];
  const judge = async (window: { from: string; to: string }) =>
    (await targetAttainment(connection, { ...report.scope, metrics: ['count'], grain: null, from: window.from, to: window.to }, targets, context)).targets;
  const now = await judge(report.windows.current);
  const before = await judge(report.windows.previous);
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
async function trends(connection: DuckDBConnection, report: ReportRequest, context: CompileContext): Promise<Report['trends']['data']> {
  const grain = report.kind === 'quarter' ? 'quarter' : report.kind === 'year' ? 'year' : 'month';
  const months = { month: 1, quarter: 3, year: 12 }[grain];
  // A range's trend ends with the month its last day falls in; whole periods end where the period does.
  const lastStart = report.kind === 'range' ? `${addDays(report.windows.current.to, -1).slice(0, 7)}-01` : report.windows.current.from;
  const to = addMonths(lastStart, months);
  const from = addMonths(lastStart, -11 * months);
  const result = await runMetrics(connection, { ...report.scope, metrics: ['count', 'mtta', 'mttr'], grain, from, to }, context);
  const mix = await runMetrics(connection, { ...report.scope, metrics: ['count'], by: ['severity'], grain, from, to }, context);
  const mtta = keysOf('mtta');
  const mttr = keysOf('mttr');
  return {
    grain,
    points: result.rows.map((row) => ({
      period: String(row.period),
      count: Number(row.count ?? 0),
      mtta: typeof row[mtta.value] === 'number' ? (row[mtta.value] as number) : null,
      mtta_n: Number(row[mtta.n] ?? 0),
      mttr: typeof row[mttr.value] === 'number' ? (row[mttr.value] as number) : null,
      mttr_n: Number(row[mttr.n] ?? 0),
    })),
    by_severity: mix.rows.map((row) => ({ period: String(row.period), severity: row.severity === null ? null : String(row.severity), count: Number(row.count ?? 0) })),
  };
}
