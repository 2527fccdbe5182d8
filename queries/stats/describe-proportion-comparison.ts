/**
 * One plain sentence for a share compared between two periods (proportion-comparison.ts), e.g.
 * "Reopen rate 4.0% vs 6.5% (−2.5 pts, n = 200 vs 180): no detectable change (p = 0.27; 95%
 * interval −7.2 to +1.9 pts)."
 * Guarantees: both shares, the change in percentage points (never a relative percent of a
 * percent), both n, the verdict, and for a tested change its p-value and interval.
 */
import { formatP } from './describe-comparison.ts';
import type { ProportionComparison } from './proportion-comparison.ts';

export interface DescribeProportionOptions {
  label: string;
  noun: string;
}

const MINUS = '\u2212';

/** 0.04 → '4.0%'; 1 decimal, 3 significant digits at most above 10%. */
export function percent(value: number): string {
  const p = value * 100;
  return `${p >= 10 || p === 0 ? String(Number(p.toPrecision(3))) : p.toFixed(1)}%`;
}

/** −0.025 → '−2.5 pts'; `unit` false gives the number alone. */
export function points(fraction: number, unit = true): string {
  const p = Math.round(fraction * 1000) / 10;
  const text = p === 0 ? '0' : `${p > 0 ? '+' : MINUS}${Math.abs(p).toFixed(1)}`;
  return unit ? `${text} pts` : text;
}

export function describeProportionComparison(facts: Omit<ProportionComparison, 'sentence'>, options: DescribeProportionOptions): string {
  const { label, noun } = options;
  const { current, previous } = facts;
  const show = (value: number | null) => (value === null ? 'no data' : percent(value));
  const inBrackets = [facts.difference === null ? null : points(facts.difference), `n = ${current.n} vs ${previous.n}`];
  const head = `${label} ${show(current.value)} vs ${show(previous.value)} (${inBrackets.filter((s) => s !== null).join(', ')})`;
  let body: string;
  if (facts.verdict === 'not enough data') {
    const which = (below: number) => {
      const now = current.n < below;
      const before = previous.n < below;
      return now && before ? 'either period' : now ? 'the current period' : 'the previous period';
    };
    body = current.n === 0 || previous.n === 0
      ? `: not enough data (no ${noun} in ${which(1)})`
      : `: not enough data to call a change (fewer than ${facts.minN} ${noun} in ${which(facts.minN)})`;
  } else {
    const details = [facts.pValue === null ? null : formatP(facts.pValue)];
    if (facts.differenceCi) {
      const level = `${+((1 - facts.alpha) * 100).toFixed(1)}%`;
      details.push(`${level} interval ${points(facts.differenceCi.lower, false)} to ${points(facts.differenceCi.upper)}`);
    }
    body = `: ${facts.verdict} (${details.filter((s) => s !== null).join('; ')})`;
  }
  return `${head}${body}.`;
}
