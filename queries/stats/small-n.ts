/**
 * The one definition of "small n" that every view marks.
 *
 * Guarantees: the dashboard badge, the report footnote, the email verdict and comparePeriods'
 * "not enough data" all use the same threshold unless a caller passes its own.
 * Hazard avoided: a median of 4 incidents drawn with the same weight as a median of 400.
 * Why 10: a distribution-free 95% interval for a median does not exist below n = 6 and is the
 * whole sample range (x(1)..x(n)) up to n = 8; at n = 10 it is x(2)..x(9), still wide.
 */

export const SMALL_N = 10;

/** True when n observations are too few to read a trend from (n < threshold). */
export function isSmallN(n: number, threshold: number = SMALL_N): boolean {
  return n < threshold;
}
