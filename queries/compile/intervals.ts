/**
 * The 95% interval of each bucket's median, in SQL, when a request asks for `intervals`: the
 * distribution-free order-statistic interval [x(l), x(n+1−l)] of stats/quantile-ci.ts, so a
 * trend can draw how sure each period's median is, not just the median.
 *
 * Guarantees:
 * - For n ≤ MEDIAN_CI_EXACT_MAX_N the ranks are quantileCi's exact binomial ranks (a table
 *   computed here by the same binomialCdf and bound as one parameter); above, quantileCi's
 *   normal approximation with continuity correction, whose ranks are within one of the exact
 *   ones at that size (a neighbouring order statistic; no chart can show the difference).
 * - The ranks come from the length of the very list the bounds are read from, so n and the
 *   bounds can never disagree about which values were in the bucket.
 * - Too few values for a bound (a 95% median interval needs n ≥ 6): both bounds are NULL —
 *   never a narrower interval passed off as 95%. Callers draw that period as uncertain.
 * Hazard: the sorted list holds every value of the bucket; DuckDB computes one list per
 * bucket and metric (the repeated expression is one aggregate), which is why intervals are
 * opt-in rather than part of every answer.
 */
import { binomialCdf, normalQuantile } from '../stats/index.ts';
import type { Params } from './params.ts';

export const MEDIAN_CI_LEVEL = 0.95;
export const MEDIAN_CI_EXACT_MAX_N = 1000;

/** Lower 1-based rank of the median's interval for n = 1..maxN (index n − 1); null: no bound. */
export function medianLowerRanks(maxN = MEDIAN_CI_EXACT_MAX_N, level = MEDIAN_CI_LEVEL): Array<number | null> {
  const halfAlpha = (1 - level) / 2;
  const ranks: Array<number | null> = [];
  for (let n = 1; n <= maxN; n++) {
    const cdf = binomialCdf(n, 0.5);
    let rank: number | null = null;
    // As quantileCi: the largest l with P(B ≤ l − 1) ≤ α/2.
    for (let l = n; l >= 1; l--) {
      if ((l - 1 < 0 ? 0 : (cdf[l - 1] as number)) <= halfAlpha) {
        rank = l;
        break;
      }
    }
    ranks.push(rank);
  }
  return ranks;
}

let table: string | null = null;
const rankTable = () => (table ??= JSON.stringify(medianLowerRanks()));
/** The two constants are bound once per statement, whatever the number of metrics. */
const bound = new WeakMap<Params, { ranks: string; z: string }>();

/** SQL of the lower and upper bound of the median of `x` over the rows where `where` holds. */
export function medianIntervalSql(x: string, where: string, params: Params): { low: string; high: string } {
  const sorted = `list_sort(list(${x}) FILTER (WHERE (${where}) AND ${x} IS NOT NULL))`;
  const n = `len(${sorted})`;
  let constants = bound.get(params);
  if (!constants) {
    constants = { ranks: params.bind(rankTable()), z: params.bind(normalQuantile(1 - (1 - MEDIAN_CI_LEVEL) / 2)) };
    bound.set(params, constants);
  }
  const exact = `from_json(${constants.ranks}, '["INTEGER"]')[${n}]`;
  const normal = `CAST(floor(${n} * 0.5 + 0.5 - ${constants.z} * sqrt(${n} * 0.25)) AS INTEGER)`;
  const lower = `(CASE WHEN ${n} = 0 THEN NULL WHEN ${n} <= ${MEDIAN_CI_EXACT_MAX_N} THEN ${exact} ELSE ${normal} END)`;
  // p = 0.5 is symmetric: the upper rank is n + 1 − l (quantileCi's exact and normal rules alike).
  return {
    low: `round(list_extract(${sorted}, ${lower}), 3)`,
    high: `round(list_extract(${sorted}, ${n} + 1 - ${lower}), 3)`,
  };
}
