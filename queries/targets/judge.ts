/**
 * Judges one target over one period's samples (pure). The status is honest about noise:
 * - `not enough data` below `minN` judgeable values (default SMALL_N = 10), or when the
 *   interval a verdict needs does not exist at this n (a p90 upper bound needs n ≥ 36);
 * - `met` / `missed` only when the whole 95% interval is on one side of the target;
 * - `undecided` when the interval straddles it.
 * Share form (`90% acknowledged within 5m`): an incident that reached the end instant is a hit
 * when its duration ≤ T; one that has not reached it counts as a miss once T has passed (still
 * open past T, or closed without ever reaching it), and is `pending` — not judgeable yet — while
 * it is open and younger than T. The interval is Wilson's for hits out of hits + misses.
 * Aggregate form (`p90(mtta) <= 5m`): the aggregate over durations that reached the end instant
 * (as the metric is computed), with an order-statistic interval for median/p90/p95 and a seeded
 * bootstrap for mean/geomean; still-open incidents are not in n and are reported as `pending`.
 */
import { formatDuration } from '../duration.ts';
import type { Sample } from '../samples.ts';
import { bootstrapCi, geometricMean, mean, proportionCi, quantile, quantileCi, SMALL_N, sortAscending } from '../stats/index.ts';
import { describeTarget, type AggregateTarget, type ShareTarget, type Target, type TargetOperator } from './target.ts';

export type TargetStatus = 'met' | 'missed' | 'not enough data' | 'undecided';

export interface Judgement {
  status: TargetStatus;
  /** Share form: hits / n (0–1). Aggregate form: seconds. Null when n = 0. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  /** Judgeable values: hits + misses (share) or durations that reached the end (aggregate). */
  n: number;
  hits: number | null;
  misses: number | null;
  /** Open incidents that cannot be judged yet (see the module comment). */
  pending: number;
  reason: string | null;
  sentence: string;
}

export interface JudgeOptions {
  /** Default SMALL_N (10). */
  minN?: number;
  /** Default 0.95. */
  level?: number;
  /** Bootstrap seed for mean/geomean targets; default 1. */
  seed?: number;
}

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

export function judgeTarget(target: Target, samples: readonly Sample[], options: JudgeOptions = {}): Judgement {
  return target.kind === 'share' ? judgeShare(target, samples, options) : judgeAggregate(target, samples, options);
}

function judgeShare(target: ShareTarget, samples: readonly Sample[], { minN = SMALL_N, level = 0.95 }: JudgeOptions): Judgement {
  let hits = 0;
  let misses = 0;
  let pending = 0;
  for (const sample of samples) {
    if (sample.seconds <= target.threshold && sample.reached) hits++;
    else if (!sample.reached && sample.open && sample.seconds <= target.threshold) pending++;
    else misses++;
  }
  const n = hits + misses;
  const ci = proportionCi(hits, n, { level });
  const head = `${describeTarget(target)}: ${hits} of ${n} (${ci.estimate === null ? 'no data' : percent(ci.estimate)}) in time${pending ? `, ${pending} still open under the limit` : ''}`;
  const base = { value: ci.estimate, lower: ci.lower, upper: ci.upper, level, n, hits, misses, pending };
  if (n < minN) return { ...base, status: 'not enough data', reason: `fewer than ${minN} incidents to judge`, sentence: `${head}: not enough data (fewer than ${minN} incidents).` };
  const interval = `${percent(level)} interval ${percent(ci.lower!)}–${percent(ci.upper!)}`;
  const status: TargetStatus = ci.lower! >= target.share ? 'met' : ci.upper! < target.share ? 'missed' : 'undecided';
  const where = status === 'met' ? 'at or above' : status === 'missed' ? 'below' : 'includes';
  return { ...base, status, reason: null, sentence: `${head}; ${interval} ${where} ${percent(target.share)}: ${status}.` };
}

function judgeAggregate(target: AggregateTarget, samples: readonly Sample[], { minN = SMALL_N, level = 0.95, seed = 1 }: JudgeOptions): Judgement {
  const values = sortAscending(samples.filter((sample) => sample.reached).map((sample) => sample.seconds));
  const pending = samples.filter((sample) => !sample.reached && sample.open).length;
  const n = values.length;
  const { value, lower, upper, reason } = aggregateWithCi(target, values, level, seed);
  const show = (seconds: number | null) => (seconds === null ? 'no data' : formatDuration(seconds));
  const head = `${describeTarget(target)}: ${target.aggregate} ${show(value)} (n = ${n}${pending ? `, ${pending} still open not counted` : ''})`;
  const base = { value, lower, upper, level, n, hits: null, misses: null, pending };
  if (n < minN) return { ...base, status: 'not enough data', reason: `fewer than ${minN} durations`, sentence: `${head}: not enough data (fewer than ${minN} incidents).` };
  const holds = (bound: number) => compare(bound, target.operator, target.threshold);
  const wantsSmall = target.operator === '<=' || target.operator === '<';
  const decisive = wantsSmall ? upper : lower; // the bound that must satisfy the target for "met"
  const opposite = wantsSmall ? lower : upper;
  let status: TargetStatus = 'undecided';
  if (decisive !== null && holds(decisive)) status = 'met';
  else if (opposite !== null && !holds(opposite)) status = 'missed';
  else if (decisive === null || opposite === null) status = 'not enough data';
  const interval = `${percent(level)} interval ${show(lower)}–${show(upper)}`;
  const why = status === 'not enough data' ? (reason ?? 'the interval is incomplete at this n') : null;
  return { ...base, status, reason: why, sentence: `${head}; ${interval}${why ? ` (${why})` : ''}: ${status}.` };
}

function compare(value: number, operator: TargetOperator, threshold: number): boolean {
  switch (operator) {
    case '<=': return value <= threshold;
    case '<': return value < threshold;
    case '>=': return value >= threshold;
    case '>': return value > threshold;
  }
}

const P: Record<string, number> = { median: 0.5, p90: 0.9, p95: 0.95 };

function aggregateWithCi(target: AggregateTarget, sorted: number[], level: number, seed: number) {
  const p = P[target.aggregate];
  if (p !== undefined) {
    if (sorted.length === 0) return { value: null, lower: null, upper: null, reason: 'no durations' };
    const ci = quantileCi(sorted, p, { level });
    return { value: quantile(sorted, p), lower: ci.lower, upper: ci.upper, reason: ci.reason };
  }
  const statistic = target.aggregate === 'mean'
    ? (values: readonly number[]) => mean(values) ?? Number.NaN
    : (values: readonly number[]) => geometricMean(values).value ?? Number.NaN;
  const ci = bootstrapCi(sorted, statistic, { seed, level });
  return { value: ci.estimate, lower: ci.lower, upper: ci.upper, reason: ci.reason };
}
