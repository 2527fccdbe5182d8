/**
 * A report request: which period (a month, a quarter, a year, or from/to) and which scope (the
 * global filters, drills, zone and clock — the same flags as every metric request). Parsed like
 * every request: all problems at once, one sentence each with the allowed values (HTTP 400 /
 * exit 2). The previous period is the one of the same kind before it (compare/periods.ts).
 */
import { periodWindows, rangeWindows, type Windows } from '../compare/periods.ts';
import { parseMetricRequest, type MetricRequest, type RawMetricRequest } from '../request.ts';

export interface RawReportRequest extends Omit<RawMetricRequest, 'metric' | 'by' | 'grain'> {
  /** 2026-10, 2026-Q4 or 2026; or leave it out and give from and to. */
  period?: string | undefined;
}

export type PeriodKind = 'month' | 'quarter' | 'year' | 'range';

export interface ReportRequest {
  /** What the reader sees: 'October 2026', 'Q4 2026', '2026', '1 Oct 2026 – 14 Oct 2026'. */
  label: string;
  /** The request's own words: '2026-10', '2026-Q4', '2026' or '2026-10-01..2026-10-15'. */
  period: string;
  kind: PeriodKind;
  windows: Windows;
  /** Scope shared by every section; metrics, by and grain are chosen per section. */
  scope: MetricRequest;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function parseReportRequest(raw: RawReportRequest): { report: ReportRequest | null; errors: string[] } {
  const { request, errors } = parseMetricRequest({ ...raw, metric: 'count' });
  const hasRange = Boolean(raw.from || raw.to);
  if (Boolean(raw.period) === hasRange) {
    errors.push(`Give either period (e.g. 2026-10, 2026-Q4 or 2026) or from and to; got ${raw.period ? 'both' : 'neither'}.`);
    return { report: null, errors };
  }
  let windows: Windows | null = null;
  let kind: PeriodKind = 'range';
  let period = '';
  if (raw.period) {
    period = raw.period.toUpperCase();
    kind = /^\d{4}-\d{2}$/.test(period) ? 'month' : /^\d{4}-Q[1-4]$/.test(period) ? 'quarter' : /^\d{4}$/.test(period) ? 'year' : 'range';
    windows = kind === 'range' ? null : periodWindows(period);
    if (!windows) errors.push(`period must look like 2026-10 (a month), 2026-Q4 (a quarter) or 2026 (a year), got "${raw.period}".`);
  } else if (request.from && request.to) {
    windows = rangeWindows(request.from, request.to);
    period = `${request.from}..${request.to}`;
  } else if (!errors.some((error) => /^(from|to) /.test(error))) {
    errors.push('from and to go together: give both (to is exclusive).');
  }
  if (errors.length || !windows) return { report: null, errors };
  return {
    report: {
      label: periodLabel(kind, windows.current.from, windows.current.to),
      period,
      kind,
      windows,
      scope: { ...request, metrics: [], from: windows.current.from, to: windows.current.to },
    },
    errors: [],
  };
}

/** 'October 2026', 'Q4 2026', '2026', or '1 Oct 2026 – 14 Oct 2026' (to is exclusive, the label inclusive). */
export function periodLabel(kind: PeriodKind, from: string, to: string): string {
  const [year, month] = from.split('-').map(Number) as [number, number];
  if (kind === 'month') return `${MONTHS[month - 1]} ${year}`;
  if (kind === 'quarter') return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  if (kind === 'year') return String(year);
  const last = new Date(`${to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return `${shortDate(from)} – ${shortDate(last.toISOString().slice(0, 10))}`;
}

function shortDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]!.slice(0, 3)} ${year}`;
}
