/**
 * Interval for the difference of two independent proportions, p1 − p2: Newcombe's hybrid score
 * interval (Stat. Med. 1998, method 10), built from each share's Wilson interval
 * (proportion-ci.ts):
 *   lower = d − √((p1 − l1)² + (u2 − p2)²),  upper = d + √((u1 − p1)² + (p2 − l2)²).
 * Guarantees: bounds inside [−1, 1], defined at 0 and n hits, coverage close to nominal at small
 * n (Newcombe's evaluation), and the worked examples of his Table II to 4 decimals.
 * Hazard avoided: the Wald interval d ± z·se, which is zero-width at 0 of 20 vs 0 of 10 and
 * overshoots [−1, 1] near the edges.
 */
import { proportionCi } from './proportion-ci.ts';

export interface DifferenceCi {
  /** p1 − p2. */
  difference: number;
  lower: number;
  upper: number;
  level: number;
}

/** Both n must be at least 1. */
export function newcombeDifference(h1: number, n1: number, h2: number, n2: number, options: { level?: number } = {}): DifferenceCi {
  const level = options.level ?? 0.95;
  if (n1 < 1 || n2 < 1) throw new RangeError(`both groups need n ≥ 1, got ${n1} and ${n2}`);
  const one = proportionCi(h1, n1, { level });
  const two = proportionCi(h2, n2, { level });
  const p1 = one.estimate!;
  const p2 = two.estimate!;
  const d = p1 - p2;
  const lower = d - Math.hypot(p1 - one.lower!, two.upper! - p2);
  const upper = d + Math.hypot(one.upper! - p1, p2 - two.lower!);
  return { difference: d, lower: Math.max(-1, lower), upper: Math.min(1, upper), level };
}
