/**
 * Reads a target written as text (`90% acknowledged within 5m`, `p90(mtta) <= 5m`) or as its
 * parts (`{ metric: mttr, share: 90%, threshold: 4h }`). Pure. Every problem comes back as one
 * sentence naming the part at fault, so hindsight.yaml errors can point at `targets[2].threshold`.
 */
import { notADuration, parseDuration } from '../duration.ts';
import { METRICS } from '../metrics/catalog.ts';
import { TARGET_AGGREGATES, TARGET_OPERATORS, TARGET_VERBS, type Target, type TargetAggregate, type TargetOperator } from './target.ts';

/** A problem with one part of a target: `field` is the key it belongs to in the structured form. */
export interface TargetProblem {
  field: 'target' | 'metric' | 'share' | 'threshold' | 'aggregate' | 'operator';
  message: string;
}

export type Parsed = { target: Target; problems: [] } | { target: null; problems: TargetProblem[] };

const DURATION_METRICS = METRICS.filter((metric) => metric.kind === 'duration').map((metric) => metric.id);
const SHARE_FORM = /^(\S+)\s+(?:of\s+incidents\s+)?([a-z_]+)\s+within\s+(.+)$/i;
const AGGREGATE_FORM = /^([a-z0-9_]+)\(([a-z_]+)\)\s*(<=|<|>=|>)\s*(.+)$/i;

export const TARGET_FORMS = 'write it as "90% acknowledged within 5m" or "p90(mtta) <= 5m"';

export interface TargetParts {
  severity?: string | null;
  metric?: string;
  /** '90%' or 0.9. */
  share?: string | number;
  aggregate?: string;
  operator?: string;
  threshold?: string;
}

export function parseTargetText(text: string, severity: string | null = null): Parsed {
  const trimmed = text.trim();
  const share = SHARE_FORM.exec(trimmed);
  if (share) return targetFromParts({ severity, share: share[1]!, metric: share[2]!, threshold: share[3]! }, true);
  const aggregate = AGGREGATE_FORM.exec(trimmed);
  if (aggregate) return targetFromParts({ severity, aggregate: aggregate[1]!, metric: aggregate[2]!, operator: aggregate[3]!, threshold: aggregate[4]! });
  return { target: null, problems: [{ field: 'target', message: `${JSON.stringify(text)} is not a target; ${TARGET_FORMS}.` }] };
}

export function targetFromParts(parts: TargetParts, verbs = false): Parsed {
  const problems: TargetProblem[] = [];
  const metricWord = (parts.metric ?? '').toLowerCase();
  const metric = verbs && TARGET_VERBS[metricWord] ? TARGET_VERBS[metricWord]! : metricWord;
  if (!DURATION_METRICS.includes(metric)) {
    const allowed = verbs ? [...Object.keys(TARGET_VERBS), ...DURATION_METRICS] : DURATION_METRICS;
    problems.push({ field: 'metric', message: `${JSON.stringify(parts.metric ?? '')} is not a duration metric; allowed: ${allowed.join(', ')}.` });
  }
  const threshold = parts.threshold === undefined ? null : parseDuration(parts.threshold);
  if (threshold === null) problems.push({ field: 'threshold', message: parts.threshold === undefined ? `a threshold is required, e.g. 5m.` : notADuration(parts.threshold) });
  const severity = parts.severity ?? null;

  if (parts.share !== undefined) {
    const share = readShare(parts.share);
    if (share === null) problems.push({ field: 'share', message: `${JSON.stringify(parts.share)} is not a share like 90% (above 0%, at most 100%).` });
    if (problems.length || share === null || threshold === null) return { target: null, problems };
    return { target: { kind: 'share', severity, metric, share, threshold }, problems: [] };
  }
  const aggregate = (parts.aggregate ?? '').toLowerCase();
  if (!(TARGET_AGGREGATES as readonly string[]).includes(aggregate)) {
    problems.push({ field: 'aggregate', message: `${JSON.stringify(parts.aggregate ?? '')} is not an aggregate; allowed: ${TARGET_AGGREGATES.join(', ')} (or give a share such as 90%).` });
  }
  const operator = parts.operator ?? '<=';
  if (!(TARGET_OPERATORS as readonly string[]).includes(operator)) {
    problems.push({ field: 'operator', message: `${JSON.stringify(operator)} is not a comparison; allowed: ${TARGET_OPERATORS.join(', ')}.` });
  }
  if (problems.length || threshold === null) return { target: null, problems };
  return { target: { kind: 'aggregate', severity, metric, aggregate: aggregate as TargetAggregate, operator: operator as TargetOperator, threshold }, problems: [] };
}

function readShare(value: string | number): number | null {
  const fraction = typeof value === 'number' ? value : /^\d+(?:\.\d+)?%$/.test(value.trim()) ? Number(value.trim().slice(0, -1)) / 100 : Number.NaN;
  return fraction > 0 && fraction <= 1 ? fraction : null;
}
