/**
 * Cochran–Mantel–Haenszel test for shares in two periods stratified by severity: the
 * before/after test for reopen rate, review coverage and the like, so that a shift in the
 * severity mix (more SEV3s, which reopen less) cannot pass for a change within severities.
 *
 * Guarantees: with aₛ the current period's hits in stratum s, under no change aₛ is
 * hypergeometric with E = n₁ₛmₛ/Nₛ and V = n₁ₛn₂ₛmₛ(Nₛ − mₛ)/(Nₛ²(Nₛ − 1));
 * z = Σ(aₛ − E) / √ΣV, two-sided normal p-value, no continuity correction — R's
 * mantelhaen.test(correct = FALSE) gives z² as its statistic. Positive z: the current share
 * tends to be higher. Strata missing a period carry no information and are listed in `skipped`;
 * strata of one incident, or all hits or all misses, add nothing (V = 0) and count as used.
 */
import { normalCdf } from './normal.ts';

export interface MantelHaenszel {
  z: number | null;
  pValue: number | null;
  used: string[];
  skipped: string[];
  reason: string | null;
}

export interface ShareStratum {
  stratum: string;
  current: { hits: number; n: number };
  previous: { hits: number; n: number };
}

export function mantelHaenszel(strata: readonly ShareStratum[]): MantelHaenszel {
  let deviation = 0;
  let variance = 0;
  const used: string[] = [];
  const skipped: string[] = [];
  for (const { stratum, current, previous } of strata) {
    if (current.n === 0 || previous.n === 0) {
      skipped.push(stratum);
      continue;
    }
    const total = current.n + previous.n;
    const hits = current.hits + previous.hits;
    deviation += current.hits - (current.n * hits) / total;
    variance += (current.n * previous.n * hits * (total - hits)) / (total * total * (total - 1));
    used.push(stratum);
  }
  if (used.length === 0) return { z: null, pValue: null, used, skipped, reason: 'no stratum has incidents in both periods' };
  if (!(variance > 0)) return { z: null, pValue: null, used, skipped, reason: 'every stratum is all hits or all misses, so there is nothing to test' };
  const z = deviation / Math.sqrt(variance);
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), used, skipped, reason: null };
}
