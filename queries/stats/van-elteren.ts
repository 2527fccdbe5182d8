/**
 * van Elteren's stratified rank-sum test: Mann–Whitney within each stratum (e.g. severity),
 * combined with weights 1/(Nₛ + 1) (van Elteren, Bull. Int. Stat. Inst. 1960; Lehmann,
 * "Nonparametrics", 1975, §3.3). The test for a before/after comparison "stratified by
 * severity": a change in the severity mix cannot masquerade as a change in speed, because
 * incidents are only ranked against incidents of their own severity.
 *
 * Guarantees: T = Σ wₛ(Wₛ − E[Wₛ]) with Wₛ the rank sum of the current sample within stratum s
 * (mid-ranks), E[Wₛ] = mₛ(Nₛ + 1)/2, Var = Σ wₛ² · mₛnₛ/12 · ((Nₛ + 1) − Σ(t³ − t)/(Nₛ(Nₛ − 1)));
 * z = T/√Var, two-sided normal p-value (no continuity correction). Strata missing either
 * period carry no information and are listed in `skipped`. With one stratum it is the
 * Mann–Whitney normal approximation without continuity correction.
 */
import { rank } from './mann-whitney.ts';
import { normalCdf } from './normal.ts';

export interface VanElteren {
  /** Standardised statistic; positive when current values tend to be larger. Null without data. */
  z: number | null;
  pValue: number | null;
  /** Strata that contributed (values in both periods). */
  used: string[];
  skipped: string[];
  reason: string | null;
}

export function vanElteren(strata: ReadonlyArray<{ stratum: string; current: readonly number[]; previous: readonly number[] }>): VanElteren {
  let statistic = 0;
  let variance = 0;
  const used: string[] = [];
  const skipped: string[] = [];
  for (const { stratum, current, previous } of strata) {
    const m = current.length;
    const n = previous.length;
    if (m === 0 || n === 0) {
      skipped.push(stratum);
      continue;
    }
    const total = m + n;
    const { rankSumX, tieTerm } = rank(current, previous);
    const weight = 1 / (total + 1);
    statistic += weight * (rankSumX - (m * (total + 1)) / 2);
    variance += weight * weight * ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
    used.push(stratum);
  }
  if (used.length === 0) return { z: null, pValue: null, used, skipped, reason: 'no stratum has values in both periods' };
  if (!(variance > 0)) return { z: null, pValue: null, used, skipped, reason: 'every value is tied, so ranks carry no information' };
  const z = statistic / Math.sqrt(variance);
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))), used, skipped, reason: null };
}
