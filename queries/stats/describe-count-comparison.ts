/**
 * One plain sentence for a count compared between two windows (count-comparison.ts), e.g.
 * "Incidents 42 in 31 days vs 30 in 28 days (+26% per day): no detectable change (p = 0.21;
 * 95% interval −13% to +85%)."
 * Guarantees: both counts, their windows when the lengths differ (the change is then per day,
 * and says so), the verdict, and for any tested change its p-value and interval — for
 * 'no detectable change' the interval is what the data could not rule out.
 */
import type { CountComparison } from './count-comparison.ts';
import { formatP, signedPercent } from './describe-comparison.ts';

export interface DescribeCountOptions {
  label: string;
  noun: string;
  unit: string;
}

const amount = (value: number) => String(Number(value.toFixed(1)));

export function describeCountComparison(facts: Omit<CountComparison, 'sentence'>, options: DescribeCountOptions): string {
  const { label, noun, unit } = options;
  const { current, previous } = facts;
  const equal = Math.abs(current.exposure - previous.exposure) < 1e-9;
  const counts = equal
    ? `${current.value} vs ${previous.value}`
    : `${current.value} in ${amount(current.exposure)} ${unit} vs ${previous.value} in ${amount(previous.exposure)} ${unit}`;
  let change: string | null = null;
  if (facts.ratio !== null) change = `${signedPercent(facts.ratio - 1)}${equal ? '' : ` per ${unit.replace(/s$/, '')}`}`;
  else if (previous.value === 0 && current.value > 0) change = 'up from 0';
  const head = `${label} ${counts}${change ? ` (${change})` : ''}`;

  let body: string;
  if (facts.verdict === 'not enough data') {
    if (current.exposure <= 0 || previous.exposure <= 0) body = `: not enough data (the ${current.exposure <= 0 ? 'current' : 'previous'} period has no time in it yet)`;
    else if (current.value + previous.value === 0) body = `: not enough data (no ${noun} in either period)`;
    else body = `: not enough data (with ${current.value + previous.value} ${noun} in both periods together no change could be called at p < ${facts.alpha})`;
  } else {
    const details = [facts.pValue === null ? null : formatP(facts.pValue)];
    if (facts.ratioCi) {
      const level = `${+((1 - facts.alpha) * 100).toFixed(1)}%`;
      const upper = facts.ratioCi.upper === null ? 'no upper bound' : signedPercent(facts.ratioCi.upper - 1);
      details.push(`${level} interval ${signedPercent(facts.ratioCi.lower - 1)} to ${upper}`);
    }
    body = `: ${facts.verdict} (${details.filter((s) => s !== null).join('; ')})`;
  }
  return `${head}${body}.`;
}
