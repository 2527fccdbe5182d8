/**
 * Hindsight's honest-statistics helpers: pure functions, no I/O, deterministic (anything random
 * takes a seed). Each file holds one concept and opens with what it guarantees.
 */
export { bootstrapCi, bootstrapCi2, type BootstrapCi, type BootstrapOptions } from './bootstrap.ts';
export { comparePeriods, type CompareOptions, type Comparison, type PeriodSummary, type Verdict, type Wording } from './compare.ts';
export { describeComparison, formatP, formatPlain, signedPercent, type DescribeOptions } from './describe-comparison.ts';
export { binomialLower, binomialPmf, binomialTest, binomialUpper } from './binomial-test.ts';
export { clopperPearson, type ClopperPearson } from './clopper-pearson.ts';
export { compareCounts, type CountComparison, type CountCompareOptions, type CountSummary, type CountVerdict, type CountWindow } from './count-comparison.ts';
export { describeCountComparison } from './describe-count-comparison.ts';
export { describeProportionComparison, percent, points } from './describe-proportion-comparison.ts';
export { fisherExact } from './fisher-exact.ts';
export { regularizedBeta } from './incomplete-beta.ts';
export { logChoose, logGamma } from './log-gamma.ts';
export { mantelHaenszel, type MantelHaenszel, type ShareStratum } from './mantel-haenszel.ts';
export { newcombeDifference, type DifferenceCi } from './newcombe-difference.ts';
export { MIN_EXPECTED_CELL, compareProportions, type ProportionComparison, type ProportionCompareOptions, type ProportionVerdict, type Share, type ShareSummary } from './proportion-comparison.ts';
export { twoProportionZ, type TwoProportionZ } from './two-proportion-z.ts';
export { MANN_WHITNEY_ARE, minimumDetectableChange, pooledLogSd, type DetectableChangeOptions, type LogSpread } from './detectable-change.ts';
export { MANN_WHITNEY_EXACT_BELOW, mannWhitney, type MannWhitney, type MannWhitneyOptions } from './mann-whitney.ts';
export { mannWhitneyLowerTail } from './mann-whitney-exact.ts';
export { mixAdjust, weightedMedian, type MixAdjustment, type StratumSamples, type StratumSummary } from './mix-adjust.ts';
export { normalCdf, normalQuantile } from './normal.ts';
export { geometricMean, mean, median, quantile, sortAscending, type GeometricMean } from './quantile.ts';
export { QUANTILE_CI_EXACT_MAX_N, binomialCdf, quantileCi, type QuantileCi, type QuantileCiOptions } from './quantile-ci.ts';
export { proportionCi, type ProportionCi } from './proportion-ci.ts';
export { mulberry32, randomIndex, type Random } from './random.ts';
export { SMALL_N, isSmallN } from './small-n.ts';
export { vanElteren, type VanElteren } from './van-elteren.ts';
export { kaplanMeier, survivalAt, type KaplanMeier, type SurvivalObservation, type SurvivalStep } from './survival.ts';
