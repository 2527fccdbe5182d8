/**
 * A tiny seeded pseudo-random generator (mulberry32) for everything in stats/ that resamples.
 *
 * Guarantees: the same seed gives the same sequence on every machine and Node version, so a
 * bootstrap interval shown on the dashboard, in an export and in an email is the same number.
 * Hazard avoided: `Math.random()` makes intervals wobble between page loads, and a "changed"
 * verdict that flips on refresh destroys trust in every other number.
 *
 * mulberry32 (Tommy Ettinger, public domain) has a 2^32 period and passes gjrand/PractRand far
 * enough for resampling; it is not for cryptography.
 */

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number;

/** Seeded uniform generator. `seed` is reduced to an unsigned 32-bit integer. */
export function mulberry32(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  return function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n). n must be a positive integer. */
export function randomIndex(random: Random, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`n must be a positive integer, got ${n}`);
  return Math.floor(random() * n);
}
