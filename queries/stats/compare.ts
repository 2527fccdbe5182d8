/**
 * Compares a metric's per-incident values between two periods and says whether the change is
 * real: the verdict every trend arrow, report line and email sentence in Hindsight uses.
 *
 * Guarantees:
 * - A change is called only when Mann–Whitney finds it at `alpha` (p < alpha) and both
 *   periods hold at least `minN` values; otherwise the verdict is 'no detectable change' or
 *   'not enough data'. The direction comes from the ratio of medians (current / previous); if
 *   that is exactly 1 or undefined, from which sample tends to be larger (U).
 * - The ratio's interval is a seeded percentile bootstrap at level 1 − alpha (null below
 *   `minN`, where it would be falsely narrow). It describes the size; the verdict comes from
 *   the test, and the two can disagree at the margin.
 * - `minimumDetectableChange` says how large a change this n could have seen (80% power), so
 *   "no detectable change" is never read as "no change".
 * Hazard avoided: "MTTR down 18%!" on 12 vs 15 heavy-tailed incidents, which is noise.
 *
 * Vocabulary: 'faster' / 'slower' say the value went down / up (for times-to-something);
 * 'better' / 'worse' say it improved / worsened given `lowerIsBetter` (counts, MTBF, scores).
 * `improved` carries the judgement either way, for colours.
 */
import { bootstrapMedianRatioCi } from './median-bootstrap.ts';
import { describeComparison, formatPlain, type DescribeOptions } from './describe-comparison.ts';
import { minimumDetectableChange, pooledLogSd } from './detectable-change.ts';
import { mannWhitney, type MannWhitney } from './mann-whitney.ts';
import { median, sortAscending } from './quantile.ts';
import { SMALL_N } from './small-n.ts';

export type Verdict = 'faster' | 'slower' | 'better' | 'worse' | 'no detectable change' | 'not enough data';
export type Wording = 'faster-slower' | 'better-worse';

export interface CompareOptions {
  /** Significance level of the test, and 1 − level of the ratio interval; default 0.05. */
  alpha?: number;
  /** True when a smaller value is an improvement (the catalog's lower_is_better); default true. */
  lowerIsBetter?: boolean;
  /** Default: 'faster-slower' when lowerIsBetter, else 'better-worse'. */
  wording?: Wording;
  /** Seed of the bootstrap; required so the interval is reproducible. */
  seed: number;
  /** Fewest values per period for a verdict; default SMALL_N (10). */
  minN?: number;
  /** Power for minimumDetectableChange; default 0.8. */
  power?: number;
  /** Bootstrap resamples; default 2000. */
  resamples?: number;
  /** Sentence wording: label default 'Median', formatValue default 3 significant digits. */
  label?: string;
  formatValue?: (value: number) => string;
  noun?: string;
}

export interface PeriodSummary {
  n: number;
  /** Type-7 median; null when n = 0. */
  median: number | null;
}

export interface Comparison {
  current: PeriodSummary;
  previous: PeriodSummary;
  /** current.median / previous.median; null unless both medians are positive. */
  ratio: number | null;
  ratioCi: { lower: number; upper: number } | null;
  /** Two-sided Mann–Whitney p-value; null when a period is empty. */
  pValue: number | null;
  verdict: Verdict;
  /** True for a detected improvement, false for a detected worsening, null otherwise. */
  improved: boolean | null;
  smallN: boolean;
  /**
   * As a fraction (0.45 = ±45%), from the pooled log-sd of both periods (detectable-change.ts);
   * null when a period has fewer than two positive values.
   */
  minimumDetectableChange: number | null;
  alpha: number;
  minN: number;
  sentence: string;
}

function medianRatio(a: readonly number[], b: readonly number[]): number {
  const top = median(a);
  const bottom = median(b);
  return top !== null && bottom !== null && top > 0 && bottom > 0 ? top / bottom : Number.NaN;
}

function decide(
  smallN: boolean,
  test: MannWhitney,
  ratio: number | null,
  alpha: number,
  lowerIsBetter: boolean,
  wording: Wording,
): { verdict: Verdict; improved: boolean | null } {
  if (smallN || test.pValue === null) return { verdict: 'not enough data', improved: null };
  if (!(test.pValue < alpha)) return { verdict: 'no detectable change', improved: null };
  // Direction from the medians; when they are equal or their ratio undefined, from U.
  const wentUp = ratio !== null && ratio !== 1 ? ratio > 1 : test.u1 > test.u2;
  const improved = lowerIsBetter ? !wentUp : wentUp;
  if (wording === 'faster-slower') return { verdict: wentUp ? 'slower' : 'faster', improved };
  return { verdict: improved ? 'better' : 'worse', improved };
}

/** See the module comment. Inputs in any order; values must not be NaN. */
export function comparePeriods(current: readonly number[], previous: readonly number[], options: CompareOptions): Comparison {
  const { alpha = 0.05, lowerIsBetter = true, seed, minN = SMALL_N, power = 0.8, resamples = 2000 } = options;
  const wording = options.wording ?? (lowerIsBetter ? 'faster-slower' : 'better-worse');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be strictly between 0 and 1, got ${alpha}`);
  const cur = sortAscending(current);
  const prev = sortAscending(previous);
  const ratioValue = medianRatio(cur, prev);
  const ratio = Number.isNaN(ratioValue) ? null : ratioValue;
  const smallN = cur.length < minN || prev.length < minN;
  const test = mannWhitney(cur, prev);

  let ratioCi: Comparison['ratioCi'] = null;
  if (!smallN && ratio !== null) {
    const ci = bootstrapMedianRatioCi(cur, prev, { resamples, level: 1 - alpha, seed });
    if (ci.lower !== null && ci.upper !== null && Number.isFinite(ci.lower) && Number.isFinite(ci.upper)) {
      ratioCi = { lower: ci.lower, upper: ci.upper };
    }
  }

  const { verdict, improved } = decide(smallN, test, ratio, alpha, lowerIsBetter, wording);

  // The log-normal model needs at least two positive values in each period to say anything.
  const positives = (values: readonly number[]) => { let n = 0; for (const v of values) if (v > 0) n++; return n; };
  const spread = positives(cur) >= 2 && positives(prev) >= 2 ? pooledLogSd([cur, prev]).sd : null;
  const facts: Omit<Comparison, 'sentence'> = {
    current: { n: cur.length, median: median(cur) },
    previous: { n: prev.length, median: median(prev) },
    ratio,
    ratioCi,
    pValue: test.pValue,
    verdict,
    improved,
    smallN,
    minimumDetectableChange: minimumDetectableChange(cur.length, prev.length, spread, { alpha, power }),
    alpha,
    minN,
  };
  const describe: DescribeOptions = { label: options.label ?? 'Median', formatValue: options.formatValue ?? formatPlain };
  if (options.noun !== undefined) describe.noun = options.noun;
  return { ...facts, sentence: describeComparison(facts, describe) };
}
