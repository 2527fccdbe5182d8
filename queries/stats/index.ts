/**
 * Hindsight's honest-statistics helpers: pure functions, no I/O, deterministic (anything random
 * takes a seed). Each file holds one concept and opens with what it guarantees.
 */
export { bootstrapCi, bootstrapCi2, type BootstrapCi, type BootstrapOptions } from './bootstrap.ts';
export { comparePeriods, type CompareOptions, type Comparison, type PeriodSummary, type Verdict, type Wording } from './compare.ts';
export { describeComparison, formatPlain, type DescribeOptions } from './describe-comparison.ts';
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
