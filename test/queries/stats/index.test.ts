import { describe, expect, it } from 'vitest';
import * as stats from '../../../queries/stats/index.ts';

describe('queries/stats index', () => {
  it('re-exports every function from one place', () => {
    const names = Object.keys(stats).sort();
    expect(names).toEqual([
      'MANN_WHITNEY_ARE', 'MANN_WHITNEY_EXACT_BELOW', 'MIN_EXPECTED_CELL', 'QUANTILE_CI_EXACT_MAX_N', 'SMALL_N',
      'binomialLower', 'binomialPmf', 'binomialTest', 'binomialUpper', 'clopperPearson', 'compareCounts', 'compareProportions',
      'describeCountComparison', 'describeProportionComparison', 'fisherExact', 'formatP', 'logChoose', 'logGamma',
      'newcombeDifference', 'percent', 'points', 'regularizedBeta', 'signedPercent', 'twoProportionZ',
      'binomialCdf', 'bootstrapCi', 'bootstrapCi2', 'comparePeriods', 'describeComparison', 'formatPlain',
      'geometricMean', 'isSmallN', 'kaplanMeier', 'mannWhitney', 'mannWhitneyLowerTail', 'mean', 'median',
      'mantelHaenszel', 'minimumDetectableChange', 'mixAdjust', 'mulberry32', 'normalCdf', 'normalQuantile', 'pooledLogSd', 'proportionCi',
      'quantile', 'quantileCi', 'randomIndex', 'sortAscending', 'survivalAt', 'vanElteren', 'weightedMedian',
    ].sort());
  });
});
