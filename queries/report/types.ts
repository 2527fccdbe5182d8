/**
 * The report model: pure data, JSON-safe, the one thing the Report page, the HTML / PDF /
 * Markdown / XLSX files and the summary emails all render. Numbers are raw (seconds, ratios,
 * counts) with their format; words are left to the renderers, except verdict sentences, which
 * come from the statistics that decided them.
 */
import type { Window } from '../compare/periods.ts';
import type { MetricInfo } from '../catalog-info.ts';
import type { PeriodKind } from './request.ts';

export type Format = MetricInfo['format'];

/** A term and what it means, stated in the section that uses it. */
export interface Definition {
  term: string;
  text: string;
}

/** One number for the period, against the previous period, with the verdict on the change. */
export interface MetricChange {
  metric: string;
  /** Which aggregate the number is: 'median', 'rate', 'count', 'mean', … */
  aggregate: string;
  label: string;
  format: Format;
  lower_is_better: boolean;
  value: number | null;
  previous: number | null;
  n: number;
  previous_n: number;
  /** value / previous − 1, null when either is missing or previous is 0. */
  relative_change: number | null;
  /** 'faster', 'slower', 'more', 'fewer', 'better', 'worse', 'no detectable change', 'not enough data', or null when untested. */
  verdict: string | null;
  /** The statistics' own sentence, e.g. "MTTR fell from 1h 10m to 42m (n = 40 vs 38); …". */
  sentence: string | null;
}

export interface TargetLine {
  text: string;
  label: string;
  severity: string | null;
  status: string;
  previous_status: string;
  /** Share within the threshold (share targets) or the aggregate's value in seconds. */
  observed: number | null;
  n: number;
  sentence: string;
}

export interface TrendPoint {
  /** Local start date of the bucket. */
  period: string;
  count: number;
  mtta: number | null;
  mtta_n: number;
  mttr: number | null;
  mttr_n: number;
}

export interface ShareRow {
  value: string | null;
  count: number;
  previous: number;
  share: number | null;
  previous_share: number | null;
}

export interface ParetoRow extends ShareRow {
  /** Running share from the largest value down; the rows up to ~80% are the vital few. */
  cumulative: number | null;
}

export interface IncidentRef {
  source: string;
  external_id: string;
  title: string | null;
  severity: string | null;
  service: string | null;
  opened_at: string | null;
  /** Seconds from opened to resolved, wall clock or the report's clock; null while open. */
  time_to_resolve: number | null;
  url: string | null;
}

export interface RecurringGroup {
  service: string;
  root_cause: string;
  /** All the pair's incidents in the period. */
  count: number;
  /** The first ten of them by opening time (report/incidents.ts REPORT_LIST_LIMIT). */
  incidents: IncidentRef[];
}

export interface NotableIncident extends IncidentRef {
  /** Why it is listed: 'highest severity', 'longest to resolve', 'missed target: SEV1: 90% acknowledged within 5m'. */
  reasons: string[];
}

/** One duration for real incidents and drills side by side, in the period. */
export interface DrillRow {
  metric: string;
  label: string;
  format: Format;
  real: number | null;
  real_n: number;
  drill: number | null;
  drill_n: number;
}

export interface ActionItemOwner {
  owner: string | null;
  opened: number;
  overdue: number;
  completed: number;
  open_at_end: number;
}

export interface AnnotationNote {
  date: string;
  label: string;
  description: string | null;
  /** Where it falls: inside the period, or within the look-back before it. */
  placement: 'in period' | 'before period';
  results: Array<{ metric: string; verdict: string; sentence: string }>;
}

export interface QualityNote {
  /** Incidents in scope for the period (the count). */
  incidents: number;
  /** Drills in the period left out of every production number (unless drills are included). */
  drills_excluded: number;
  /** Incidents of the period left out of time to resolve: still open, or resolved before they were opened. */
  outside_mttr: number;
  /** Incidents in the period carrying a data-quality flag, per flag, with what it does to the numbers. */
  flags: Array<{ flag: string; description: string; count: number }>;
}

export interface Section<T> {
  title: string;
  definitions: Definition[];
  data: T;
}

export interface Report {
  title: string;
  period: { label: string; period: string; kind: PeriodKind; from: string; to: string; tz: string; previous: Window & { label: string } };
  scope: { filters: Record<string, string[]>; include_drills: boolean; clock: string; description: string };
  /** ISO instant the report was computed at (the injected clock). */
  generated_at: string;
  headline: Section<{ metrics: MetricChange[]; targets: TargetLine[] }>;
  trends: Section<{ grain: 'month' | 'quarter' | 'year'; points: TrendPoint[]; by_severity: Array<{ period: string; severity: string | null; count: number }> }>;
  severity_mix: Section<{ rows: ShareRow[] }>;
  top_services: Section<{ rows: ParetoRow[]; others: number }>;
  top_root_causes: Section<{ rows: ParetoRow[]; others: number }>;
  recurring: Section<{ groups: RecurringGroup[]; rate: MetricChange }>;
  notable: Section<{ incidents: NotableIncident[] }>;
  escalations: Section<{ metrics: MetricChange[] }>;
  drills: Section<{ rows: DrillRow[]; drill_count: number; teams: Array<{ team: string | null; since_drill: number | null }> }>;
  communication: Section<{ metrics: MetricChange[]; by_severity: Array<{ severity: string | null; rate: number | null; count: number; n: number }> }>;
  reviews: Section<{ metrics: MetricChange[]; owners: ActionItemOwner[] }>;
  annotations: Section<{ notes: AnnotationNote[] }>;
  quality: Section<QualityNote>;
}
