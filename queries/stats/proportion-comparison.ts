/**
 * Compares a share (reopen rate, review coverage, on-time action items…) between two periods:
 * hits out of n in each.
 *
 * Guarantees:
 * - The difference (current − previous, as a fraction) with Newcombe's hybrid score interval
 *   at level 1 − alpha (newcombe-difference.ts).
 * - The p-value is Fisher's exact test when any cell of the 2×2 table is expected to hold
 *   fewer than 5 (Cochran's rule, where the normal approximation is poor), else the pooled
 *   two-proportion z-test; `test` says which.
 * - 'better' / 'worse' (from lowerIsBetter) only at p < alpha with at least `minN` (default
 *   SMALL_N = 10) in each period's denominator — the same small-n gate as durations, since a
 *   share of 4 incidents moves 25 points with one incident; below it 'not enough data'.
 *   The interval describes the size; the verdict comes from the test, and at the margin the
 *   two can disagree.
 * Hazard avoided: "reopen rate doubled" for 1 of 12 against 2 of 12.
 */
import { describeProportionComparison } from './describe-proportion-comparison.ts';
import { fisherExact } from './fisher-exact.ts';
import { newcombeDifference } from './newcombe-difference.ts';
import { SMALL_N } from './small-n.ts';
import { twoProportionZ } from './two-proportion-z.ts';

export type ProportionVerdict = 'better' | 'worse' | 'no detectable change' | 'not enough data';

export interface Share {
  hits: number;
  n: number;
}

export interface ShareSummary {
  /** The denominator. */
  n: number;
  hits: number;
  /** hits / n; null when n = 0. */
  value: number | null;
}

export interface ProportionComparison {
  current: ShareSummary;
  previous: ShareSummary;
  /** current.value − previous.value; null when a period has n = 0. */
  difference: number | null;
  differenceCi: { lower: number; upper: number } | null;
  pValue: number | null;
  test: 'fisher-exact' | 'two-proportion-z' | null;
  verdict: ProportionVerdict;
  improved: boolean | null;
  smallN: boolean;
  alpha: number;
  minN: number;
  sentence: string;
}

export interface ProportionCompareOptions {
  alpha?: number;
  lowerIsBetter?: boolean;
  minN?: number;
  /** Sentence: label default 'Share', noun default 'incidents'. */
  label?: string;
  noun?: string;
}

/** Cochran: the z-test is trusted when every expected cell holds at least this many. */
export const MIN_EXPECTED_CELL = 5;

export function compareProportions(current: Share, previous: Share, options: ProportionCompareOptions = {}): ProportionComparison {
  const { alpha = 0.05, lowerIsBetter = true, minN = SMALL_N } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be strictly between 0 and 1, got ${alpha}`);
  for (const { hits, n } of [current, previous]) {
    if (!Number.isInteger(hits) || !Number.isInteger(n) || hits < 0 || n < 0 || hits > n) throw new RangeError(`need whole numbers 0 ≤ hits ≤ n, got ${hits} of ${n}`);
  }
  const summary = ({ hits, n }: Share): ShareSummary => ({ n, hits, value: n > 0 ? hits / n : null });
  const facts: Omit<ProportionComparison, 'sentence'> = {
    current: summary(current), previous: summary(previous), difference: null, differenceCi: null, pValue: null, test: null,
    verdict: 'not enough data', improved: null, smallN: current.n < minN || previous.n < minN, alpha, minN,
  };
  if (current.n > 0 && previous.n > 0) {
    const ci = newcombeDifference(current.hits, current.n, previous.hits, previous.n, { level: 1 - alpha });
    facts.difference = ci.difference;
    facts.differenceCi = { lower: ci.lower, upper: ci.upper };
    const total = current.n + previous.n;
    const hits = current.hits + previous.hits;
    const smallestCell = (Math.min(current.n, previous.n) * Math.min(hits, total - hits)) / total;
    facts.test = smallestCell < MIN_EXPECTED_CELL ? 'fisher-exact' : 'two-proportion-z';
    facts.pValue = facts.test === 'fisher-exact'
      ? fisherExact(current.hits, current.n, previous.hits, previous.n)
      : twoProportionZ(current.hits, current.n, previous.hits, previous.n).pValue;
    if (!facts.smallN) {
      if (!(facts.pValue < alpha) || ci.difference === 0) {
        facts.verdict = 'no detectable change';
      } else {
        const wentUp = ci.difference > 0;
        facts.improved = lowerIsBetter ? !wentUp : wentUp;
        facts.verdict = facts.improved ? 'better' : 'worse';
      }
    }
  }
  return { ...facts, sentence: describeProportionComparison(facts, { label: options.label ?? 'Share', noun: options.noun ?? 'incidents' }) };
}
