/**
 * Splits a change in an overall median into "the mix changed" and "faster within strata"
 * (direct standardisation, e.g. by severity).
 *
 * Guarantees:
 * - The standardised median is the median of the current period's per-stratum values
 *   re-weighted to the previous period's mix: each current value in stratum s weighs
 *   share_prev(s) / n_cur(s). It is a weighted pooled quantile, not a resampling estimate, so
 *   it is exact and needs no seed; the weighted median takes the first value whose cumulative
 *   weight reaches one half, and the midpoint with the next value when it lands exactly on one
 *   half — with equal weights that is exactly the type-7 median, so an unchanged mix gives a
 *   mix effect of exactly 0.
 * - The split is multiplicative and exact: (1 + observedChange) = (1 + mixEffect)·(1 + withinEffect),
 *   with withinEffect = standardised / previous − 1 (same mix, current speed) and
 *   mixEffect = current / standardised − 1 (the rest: who the incidents were).
 * - Strata with previous incidents but none now cannot be re-weighted; their share is spread
 *   over the others in proportion, and they are listed in `unmatched`. Strata new this period
 *   have no previous share, so their whole effect is counted as mix.
 * Hazard avoided: "MTTR improved 40%" when the team was not faster at all — there were simply
 * more quick low-severity incidents (Simpson's paradox).
 * Limits: the split depends on the reference (previous mix); the other choice gives a
 * different, equally valid split. No interval is attached: at small strata both parts are noisy.
 */
import { median, sortAscending } from './quantile.ts';

export interface StratumSamples {
  stratum: string;
  current: readonly number[];
  previous: readonly number[];
}

export interface StratumSummary {
  stratum: string;
  currentN: number;
  previousN: number;
  currentShare: number;
  previousShare: number;
  currentMedian: number | null;
  previousMedian: number | null;
}

export interface MixAdjustment {
  currentMedian: number | null;
  previousMedian: number | null;
  /** Current per-stratum distributions under the previous period's mix. */
  standardisedMedian: number | null;
  /** Fractions (−0.2 = 20% lower); null when a median is missing or not positive. */
  observedChange: number | null;
  mixEffect: number | null;
  withinEffect: number | null;
  strata: StratumSummary[];
  /** Strata present in the previous period but empty now. */
  unmatched: string[];
  /** Why the effects are null; null when they exist. */
  reason: string | null;
}

/** Cumulative weight that counts as "exactly one half" despite floating-point sums. */
const RELATIVE_TOLERANCE = 1e-9;

/** Weighted median with the midpoint rule described above. Null when there is no weight. */
export function weightedMedian(points: readonly { value: number; weight: number }[]): number | null {
  const sorted = points.filter((p) => p.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, p) => sum + p.weight, 0);
  if (sorted.length === 0 || !(total > 0)) return null;
  const half = total / 2;
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    const point = sorted[i] as { value: number; weight: number };
    cumulative += point.weight;
    if (Math.abs(cumulative - half) <= RELATIVE_TOLERANCE * total) {
      const next = sorted[i + 1];
      return next === undefined ? point.value : (point.value + next.value) / 2;
    }
    if (cumulative > half) return point.value;
  }
  return (sorted[sorted.length - 1] as { value: number }).value;
}

function relative(numerator: number | null, denominator: number | null): number | null {
  return numerator !== null && denominator !== null && numerator > 0 && denominator > 0 ? numerator / denominator - 1 : null;
}

/** See the module comment. Values within a stratum in any order. */
export function mixAdjust(strata: readonly StratumSamples[]): MixAdjustment {
  const seen = new Set<string>();
  for (const { stratum } of strata) {
    if (seen.has(stratum)) throw new RangeError(`stratum "${stratum}" is given twice`);
    seen.add(stratum);
  }
  const totalCurrent = strata.reduce((sum, s) => sum + s.current.length, 0);
  const totalPrevious = strata.reduce((sum, s) => sum + s.previous.length, 0);
  const summaries: StratumSummary[] = strata.map((s) => ({
    stratum: s.stratum,
    currentN: s.current.length,
    previousN: s.previous.length,
    currentShare: totalCurrent === 0 ? 0 : s.current.length / totalCurrent,
    previousShare: totalPrevious === 0 ? 0 : s.previous.length / totalPrevious,
    currentMedian: median(sortAscending(s.current)),
    previousMedian: median(sortAscending(s.previous)),
  }));
  const currentMedian = median(sortAscending(strata.flatMap((s) => s.current)));
  const previousMedian = median(sortAscending(strata.flatMap((s) => s.previous)));
  const unmatched = strata.filter((s) => s.previous.length > 0 && s.current.length === 0).map((s) => s.stratum);

  const matched = strata.filter((s) => s.previous.length > 0 && s.current.length > 0);
  const matchedPrevious = matched.reduce((sum, s) => sum + s.previous.length, 0);
  const standardisedMedian = weightedMedian(
    matched.flatMap((s) => s.current.map((value) => ({ value, weight: s.previous.length / matchedPrevious / s.current.length }))),
  );

  const observedChange = relative(currentMedian, previousMedian);
  const withinEffect = relative(standardisedMedian, previousMedian);
  const mixEffect = relative(currentMedian, standardisedMedian);
  let reason: string | null = null;
  if (totalCurrent === 0 || totalPrevious === 0) reason = 'a period has no values';
  else if (matched.length === 0) reason = 'no stratum has values in both periods';
  else if (observedChange === null || withinEffect === null || mixEffect === null) reason = 'a median is 0 or negative, so changes cannot be expressed as ratios';
  const complete = reason === null;
  return {
    currentMedian,
    previousMedian,
    standardisedMedian,
    observedChange: complete ? observedChange : null,
    mixEffect: complete ? mixEffect : null,
    withinEffect: complete ? withinEffect : null,
    strata: summaries,
    unmatched,
    reason,
  };
}
