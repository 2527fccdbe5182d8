// A tile's change against the previous period, in words. Pure. The verdict (is the change
// real?) belongs to the metrics engine's GET /api/compare and is passed in; the dashboard
// never calls a change faster or slower on its own, since a raw difference of two medians is
// mostly noise (DESIGN: metric contract).
import { formatValue, type ValueFormat } from '../../lib/format.ts';

export interface Verdict {
  /**
   * The engine's verdict — 'faster' | 'slower' (times), 'more' | 'fewer' (counts), 'better' |
   * 'worse' (rates) | 'no detectable change' | 'not enough data' — or why there is none.
   */
  text: string;
  /** The engine's sentence (tooltip); '' when none. */
  sentence: string;
  /** True for a detected improvement, false for a detected worsening, null otherwise. */
  improved: boolean | null;
}

export interface Change {
  /** e.g. "−12% vs previous period (42m, n = 31)". */
  text: string;
  verdict: Verdict;
}

const NONE: Verdict = { text: '', sentence: '', improved: null };

export function describeChange(
  current: number | null,
  previous: { value: number | null; n: number | null } | null,
  format: ValueFormat,
  verdict: Verdict = NONE,
): Change | null {
  if (!previous) return null;
  if (previous.value === null || !previous.n) {
    return { text: 'previous period: no value (n = 0)', verdict: { ...verdict, text: 'nothing to compare with' } };
  }
  const was = `${formatValue(previous.value, format)}, n = ${previous.n}`;
  if (current === null) return { text: `previous period: ${was}`, verdict };
  let delta: string;
  if (format === 'percent') {
    const points = (current - previous.value) * 100;
    delta = `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
  } else if (previous.value === 0) {
    delta = current === 0 ? '±0%' : 'up from 0';
  } else {
    const pct = ((current - previous.value) / previous.value) * 100;
    delta = `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(pct !== 0 && Math.abs(pct) < 10 ? 1 : 0)}%`;
  }
  return { text: `${delta} vs previous period (${was})`, verdict };
}
