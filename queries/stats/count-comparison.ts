/**
 * Compares how many events happened in two windows of possibly different lengths (February's
 * 28 days against March's 31), treating each count as Poisson with exposure = window length.
 *
 * Guarantees:
 * - The test is exact and conditional: given the total N, the current count is
 *   Binomial(N, θ) with θ = t_now / (t_now + t_before) when the rate per unit of time did not
 *   change; the p-value is the exact two-sided binomial test (binomial-test.ts). Same numbers as
 *   R's poisson.test(c(x_now, x_before), c(t_now, t_before)).
 * - The rate ratio (per unit of time, current / previous) has the Clopper–Pearson interval of
 *   that binomial, transformed: RR = π/(1 − π) · t_before/t_now (upper bound null = unbounded,
 *   when the previous window has no events).
 * - Verdicts 'more' / 'fewer' at p < alpha; 'not enough data' when there are no events in
 *   either window, a window has no length, or — the small-n rule — when even the most lopsided
 *   split of this total (all in one window) would not reach alpha, so no change could ever be
 *   called (with equal windows: 5 events or fewer in both together). Above that the exact test
 *   holds its error rate at any count, so 0 against 12 is called 'fewer'.
 * - `smallN` marks a window with fewer than `minN` events, like every other small number; for
 *   counts it is a mark, not a gate.
 * Hazard avoided: "incidents +11%" for March against February, which is just three more days.
 */
import { binomialTest } from './binomial-test.ts';
import { clopperPearson } from './clopper-pearson.ts';
import { describeCountComparison } from './describe-count-comparison.ts';
import { SMALL_N } from './small-n.ts';

export type CountVerdict = 'more' | 'fewer' | 'no detectable change' | 'not enough data';

export interface CountWindow {
  count: number;
  /** Length of the window in any unit (Hindsight uses days), > 0 when the window has begun. */
  exposure: number;
}

export interface CountSummary {
  /** The count; it is its own n. */
  n: number;
  value: number;
  exposure: number;
  /** count / exposure; null when the exposure is 0. */
  rate: number | null;
}

export interface CountComparison {
  current: CountSummary;
  previous: CountSummary;
  /** Rate ratio current / previous per unit of exposure; null when the previous rate is 0. */
  ratio: number | null;
  /** Exact interval of the rate ratio; upper null = unbounded. Null without events. */
  ratioCi: { lower: number; upper: number | null } | null;
  pValue: number | null;
  verdict: CountVerdict;
  improved: boolean | null;
  smallN: boolean;
  alpha: number;
  minN: number;
  test: 'exact conditional binomial';
  sentence: string;
}

export interface CountCompareOptions {
  /** Default 0.05; the interval's level is 1 − alpha. */
  alpha?: number;
  /** Default true (incidents: fewer is better). */
  lowerIsBetter?: boolean;
  /** Default SMALL_N (10). */
  minN?: number;
  /** Sentence: label default 'Count', noun default 'incidents', exposure unit default 'days'. */
  label?: string;
  noun?: string;
  unit?: string;
}

export function compareCounts(current: CountWindow, previous: CountWindow, options: CountCompareOptions = {}): CountComparison {
  const { alpha = 0.05, lowerIsBetter = true, minN = SMALL_N } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be strictly between 0 and 1, got ${alpha}`);
  for (const window of [current, previous]) {
    if (!Number.isInteger(window.count) || window.count < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${window.count}`);
    if (!(window.exposure >= 0)) throw new RangeError(`an exposure must be ≥ 0, got ${window.exposure}`);
  }
  const summary = (w: CountWindow): CountSummary => ({ n: w.count, value: w.count, exposure: w.exposure, rate: w.exposure > 0 ? w.count / w.exposure : null });
  const total = current.count + previous.count;
  const facts: Omit<CountComparison, 'sentence'> = {
    current: summary(current), previous: summary(previous), ratio: null, ratioCi: null, pValue: null,
    verdict: 'not enough data', improved: null, smallN: current.count < minN || previous.count < minN, alpha, minN, test: 'exact conditional binomial',
  };
  if (total > 0 && current.exposure > 0 && previous.exposure > 0) {
    const theta = current.exposure / (current.exposure + previous.exposure);
    const toRatio = (pi: number) => (pi / (1 - pi)) * (previous.exposure / current.exposure);
    const ci = clopperPearson(current.count, total, { level: 1 - alpha });
    facts.ratio = previous.count > 0 ? (current.count / current.exposure) / (previous.count / previous.exposure) : null;
    facts.ratioCi = { lower: toRatio(ci.lower), upper: ci.upper === 1 ? null : toRatio(ci.upper) };
    facts.pValue = binomialTest(current.count, total, theta);
    const bestPossible = Math.min(binomialTest(0, total, theta), binomialTest(total, total, theta));
    if (bestPossible < alpha) {
      if (!(facts.pValue < alpha)) {
        facts.verdict = 'no detectable change';
      } else {
        const wentUp = current.count * previous.exposure > previous.count * current.exposure;
        facts.verdict = wentUp ? 'more' : 'fewer';
        facts.improved = lowerIsBetter ? !wentUp : wentUp;
      }
    }
  }
  return { ...facts, sentence: describeCountComparison(facts, { label: options.label ?? 'Count', noun: options.noun ?? 'incidents', unit: options.unit ?? 'days' }) };
}
