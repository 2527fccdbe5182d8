/**
 * Distribution-free confidence interval for a population quantile from order statistics.
 *
 * Guarantees: the interval [x(l), x(u)] covers the true p-quantile with probability
 * P(l ≤ B ≤ u − 1) ≥ level, where B ~ Binomial(n, p) counts observations below it; this holds
 * for any continuous distribution, so heavy-tailed durations need no log-normal assumption.
 * Ranks are equal-tailed: l is the largest rank with P(B ≤ l − 1) ≤ α/2, u the smallest with
 * P(B ≥ u) ≤ α/2 (the construction behind Campbell & Gardner's table in "Statistics with
 * Confidence": n = 10 → x(2)..x(9), 97.9%; n = 20 → x(6)..x(15)). `coverage` is the achieved
 * probability, which is above `level` because ranks are whole numbers.
 * Hazard avoided: a "±" interval from a normal-theory standard error around a median of a
 * skewed sample, which is too narrow and can go below zero. When n is too small for a side to
 * exist at this level (a 95% median interval needs n ≥ 6, a p90 upper bound needs n ≥ 36), that
 * bound is null and `reason` says which n would be needed — never a silently narrower interval.
 *
 * Method: exact binomial up to QUANTILE_CI_EXACT_MAX_N observations (O(n), ~20 ms at 100 000). Above,
 * the normal approximation with continuity correction, whose ranks are within one of the exact
 * ones at that size — a difference no chart can show.
 */
import { normalCdf, normalQuantile } from './normal.ts';
import { quantile } from './quantile.ts';

export const QUANTILE_CI_EXACT_MAX_N = 100_000;

export interface QuantileCiOptions {
  /** Two-sided confidence level; default 0.95. */
  level?: number;
  /** 'auto' (default): exact up to QUANTILE_CI_EXACT_MAX_N, normal above. The others force a method. */
  method?: 'auto' | 'exact' | 'normal';
}

export interface QuantileCi {
  p: number;
  n: number;
  /** The type-7 sample quantile (same as DuckDB quantile_cont); null when n = 0. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /** 1-based order-statistic ranks of the bounds. */
  lowerRank: number | null;
  upperRank: number | null;
  level: number;
  /** Probability that [lower, upper] covers the quantile (a missing bound counts as ±∞). */
  coverage: number;
  method: 'exact-binomial' | 'normal-approximation';
  /** Why a bound is missing; null when both exist. */
  reason: string | null;
}

/** Cumulative P(B ≤ k), k = 0..n, for B ~ Binomial(n, p), via a log-space pmf recurrence. */
export function binomialCdf(n: number, p: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  const logOdds = Math.log(p) - Math.log1p(-p);
  let logPmf = n * Math.log1p(-p);
  let total = 0;
  for (let k = 0; k <= n; k++) {
    total += Math.exp(logPmf);
    cdf[k] = total;
    logPmf += Math.log((n - k) / (k + 1)) + logOdds;
  }
  for (let k = 0; k <= n; k++) cdf[k] = Math.min(1, (cdf[k] as number) / total);
  return cdf;
}

/** Smallest n for which the lower (or upper) bound exists: (1 − p)^n ≤ α/2 (or p^n ≤ α/2). */
function nNeeded(tailProbability: number, halfAlpha: number): number {
  let n = Math.max(1, Math.ceil(Math.log(halfAlpha) / Math.log(tailProbability)) - 1);
  while (tailProbability ** n > halfAlpha) n++;
  return n;
}

/** Order-statistic interval for the p-quantile of an ascending sample. */
export function quantileCi(sorted: readonly number[], p: number, options: QuantileCiOptions = {}): QuantileCi {
  const { level = 0.95, method = 'auto' } = options;
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1, got ${p}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  const estimate = quantile(sorted, p); // also validates the order
  const n = sorted.length;
  const halfAlpha = (1 - level) / 2;
  const useExact = method === 'exact' || (method === 'auto' && n <= QUANTILE_CI_EXACT_MAX_N);

  let lowerRank: number | null = null;
  let upperRank: number | null = null;
  let coverage = 1;
  if (n > 0 && useExact) {
    const cdf = binomialCdf(n, p);
    const at = (k: number): number => (k < 0 ? 0 : (cdf[Math.min(k, n)] as number));
    for (let l = n; l >= 1; l--) if (at(l - 1) <= halfAlpha) { lowerRank = l; break; }
    for (let u = 1; u <= n; u++) if (1 - at(u - 1) <= halfAlpha) { upperRank = u; break; }
    coverage = at((upperRank ?? n + 1) - 1) - at((lowerRank ?? 0) - 1);
  } else if (n > 0) {
    const mid = n * p + 0.5;
    const spread = normalQuantile(1 - halfAlpha) * Math.sqrt(n * p * (1 - p));
    const l = Math.floor(mid - spread);
    const u = Math.ceil(mid + spread);
    lowerRank = l >= 1 ? l : null;
    upperRank = u <= n ? u : null;
    const sd = Math.sqrt(n * p * (1 - p));
    const below = lowerRank === null ? 0 : normalCdf((lowerRank - mid) / sd);
    const above = upperRank === null ? 1 : normalCdf((upperRank - mid) / sd);
    coverage = above - below;
  }

  const missing: string[] = [];
  if (lowerRank === null) missing.push(`a lower bound needs n ≥ ${nNeeded(1 - p, halfAlpha)}`);
  if (upperRank === null) missing.push(`an upper bound needs n ≥ ${nNeeded(p, halfAlpha)}`);
  const percent = `${+(level * 100).toFixed(2)}%`;
  return {
    p,
    n,
    estimate,
    lower: lowerRank === null ? null : (sorted[lowerRank - 1] as number),
    upper: upperRank === null ? null : (sorted[upperRank - 1] as number),
    lowerRank,
    upperRank,
    level,
    coverage,
    method: useExact ? 'exact-binomial' : 'normal-approximation',
    reason: missing.length === 0 ? null : `n = ${n} is too few for a ${percent} interval of the ${+(p * 100).toFixed(2)}th percentile: ${missing.join(' and ')}`,
  };
}
