/**
 * Turns a period comparison into one plain sentence for the dashboard, reports and emails.
 *
 * Guarantees: every sentence carries both medians, the change, both n and the verdict; a
 * detected change carries its p-value and interval; an undetected one says how large a change
 * the data could have shown. Wording lives here, apart from the statistics, so copy can change
 * without touching a number, and the label and value formatter come from the metric catalog.
 * Hazard avoided: a headline percentage ("−18%") shown without its n or its verdict.
 * Output is deterministic: no locale-dependent formatting; minus signs are U+2212.
 */
import type { Comparison } from './compare.ts';

export interface DescribeOptions {
  /** The metric's label from the catalog, e.g. 'MTTR'. */
  label: string;
  /** Formats one median, e.g. a duration formatter giving '42m'. */
  formatValue: (value: number) => string;
  /** What the values count; default 'incidents'. */
  noun?: string;
}

/** Three significant digits, no locale: 1234.5 → '1230', 0.012345 → '0.0123'. */
export function formatPlain(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** '+12%', '−8%', '0%'; never '−100%' for a fall that is not to zero. Shared by the count sentences. */
export function signedPercent(fraction: number): string {
  const rounded = Math.round(fraction * 100);
  if (rounded === 0) return '0%';
  if (rounded <= -100 && fraction > -1) return '\u2248\u2212100%'; // never claim "all gone" when it isn't
  return rounded > 0 ? `+${rounded}%` : `\u2212${-rounded}%`;
}

/** 'p = 0.034', 'p < 0.001'. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}

function detectableClause(mdc: number | null, fewMany: boolean, noun: string): string {
  if (mdc === null || Math.round(mdc * 100) === 0) return ''; // no spread at all: nothing to warn about
  const size = mdc >= 1 ? `${(1 + mdc).toFixed(1)}× either way` : `±${Math.round(mdc * 100)}%`;
  return fewMany
    ? `; with this few ${noun} a change smaller than ${size} can't be seen`
    : `; a change smaller than ${size} can't be seen at these counts`;
}

function whichPeriods(facts: Omit<Comparison, 'sentence'>, below: number): string {
  const current = facts.current.n < below;
  const previous = facts.previous.n < below;
  if (current && previous) return 'either period';
  return current ? 'the current period' : 'the previous period';
}

/** One sentence, e.g. "MTTR 42m vs 51m (−18%, n = 12 vs 15): no detectable change; …". */
export function describeComparison(facts: Omit<Comparison, 'sentence'>, options: DescribeOptions): string {
  const { label, formatValue, noun = 'incidents' } = options;
  const show = (value: number | null): string => (value === null ? 'no data' : formatValue(value));
  const inBrackets = [facts.ratio === null ? null : signedPercent(facts.ratio - 1), `n = ${facts.current.n} vs ${facts.previous.n}`];
  const head = `${label} ${show(facts.current.median)} vs ${show(facts.previous.median)} (${inBrackets.filter((s) => s !== null).join(', ')})`;
  const mdc = facts.minimumDetectableChange;
  const few = facts.smallN || (mdc !== null && mdc >= 0.25);

  let body: string;
  if (facts.verdict === 'not enough data') {
    body = facts.current.n === 0 || facts.previous.n === 0
      ? `: not enough data (no ${noun} in ${whichPeriods(facts, 1)})`
      : `: not enough data to call a change (fewer than ${facts.minN} ${noun} in ${whichPeriods(facts, facts.minN)})`;
    body += detectableClause(mdc, true, noun);
  } else if (facts.verdict === 'no detectable change') {
    body = `: no detectable change${detectableClause(mdc, few, noun)}`;
  } else {
    const details = [facts.pValue === null ? null : formatP(facts.pValue)];
    if (facts.ratioCi !== null) {
      const level = `${+((1 - facts.alpha) * 100).toFixed(1)}%`;
      details.push(`${level} interval ${signedPercent(facts.ratioCi.lower - 1)} to ${signedPercent(facts.ratioCi.upper - 1)}`);
    }
    body = `: ${facts.verdict} (${details.filter((s) => s !== null).join('; ')})`;
  }
  return `${head}${body}.`;
}
