/**
 * Kaplan–Meier estimate of the time-to-resolve curve, counting still-open incidents.
 *
 * Guarantees:
 * - S(t) = ∏_{tᵢ ≤ t} (1 − dᵢ/nᵢ) over distinct times with events; an open incident is censored
 *   at its current age and stays at risk up to and including that age (events at a time are
 *   counted before censorings at the same time, the usual convention). One step per distinct
 *   time, censor-only times included with S unchanged.
 * - Greenwood standard error se(S) = S·√Σ dᵢ/(nᵢ(nᵢ − dᵢ)) and a pointwise interval on the
 *   log-log scale (Kalbfleisch & Prentice): S^exp(±z·√Σ/|ln S|), which stays inside [0, 1].
 *   Where it is undefined (S = 1 before the first event, S = 0 after the last) it is null.
 * - Median = the first time S ≤ 0.5; where S is exactly 0.5 over an interval, its midpoint (up to
 *   the next drop, or the last observed time if none), as R's survival::quantile.survfit does —
 *   for uncensored data this is the ordinary sample median. The median's interval reads the
 *   same rule off the upper and lower curves (R's method). Null with a reason when the curve
 *   never reaches 0.5 ("median not reached"), which happens when many incidents are still open.
 * Hazard avoided: a median over resolved incidents only, which drops the long-open ones and
 *   so reports a time-to-resolve that is too short exactly when things are going badly.
 */
import { normalQuantile } from './normal.ts';

export interface SurvivalObservation {
  /** Time from start to event, or to now for censored observations; ≥ 0. */
  time: number;
  /** True when the event (resolution) happened; false = still open (censored at `time`). */
  event: boolean;
}

export interface SurvivalStep {
  time: number;
  /** Observations with time ≥ this time. */
  atRisk: number;
  events: number;
  censored: number;
  /** S(t) just after this time. */
  survival: number;
  /** Greenwood standard error of S(t); null where S = 0. */
  standardError: number | null;
  /** Log-log pointwise interval; null where S is 1 or 0. */
  lower: number | null;
  upper: number | null;
}

export interface KaplanMeier {
  n: number;
  events: number;
  censored: number;
  steps: SurvivalStep[];
  median: number | null;
  medianCi: { lower: number | null; upper: number | null };
  level: number;
  /** Why the median is null; null when it exists. */
  reason: string | null;
}

/** R's default tolerance for "exactly at the quantile": √(double epsilon). */
const TOLERANCE = Math.sqrt(Number.EPSILON);

/** First time a non-increasing step curve falls to p, with the midpoint rule for flat segments. */
function crossing(times: readonly number[], values: readonly number[], p: number, lastTime: number): number | null {
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (i === 0 || values[i] !== values[i - 1]) {
      t.push(times[i] as number);
      v.push(values[i] as number);
    }
  }
  const i = v.findIndex((value) => value <= p + TOLERANCE);
  if (i < 0) return null;
  if (Math.abs((v[i] as number) - p) < TOLERANCE) return ((t[i] as number) + (i + 1 < t.length ? (t[i + 1] as number) : lastTime)) / 2;
  return t[i] as number;
}

/** Kaplan–Meier curve, Greenwood errors and the median. Observations in any order. */
export function kaplanMeier(observations: readonly SurvivalObservation[], options: { level?: number } = {}): KaplanMeier {
  const { level = 0.95 } = options; // two-sided level of the pointwise and median intervals
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  for (const { time } of observations) {
    if (!(time >= 0 && Number.isFinite(time))) throw new RangeError(`survival times must be finite and ≥ 0, got ${time}`);
  }
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const z = normalQuantile(1 - (1 - level) / 2);
  const steps: SurvivalStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  let greenwood = 0;
  for (let start = 0; start < sorted.length; ) {
    const time = (sorted[start] as SurvivalObservation).time;
    let events = 0;
    let end = start;
    for (; end < sorted.length && (sorted[end] as SurvivalObservation).time === time; end++) {
      if ((sorted[end] as SurvivalObservation).event) events++;
    }
    const censored = end - start - events;
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwood += events < atRisk ? events / (atRisk * (atRisk - events)) : Number.POSITIVE_INFINITY;
    }
    const defined = survival > 0 && survival < 1;
    const spread = defined ? (z * Math.sqrt(greenwood)) / Math.abs(Math.log(survival)) : 0;
    steps.push({
      time,
      atRisk,
      events,
      censored,
      survival,
      standardError: survival > 0 ? survival * Math.sqrt(greenwood) : null,
      lower: defined ? survival ** Math.exp(spread) : null,
      upper: defined ? survival ** Math.exp(-spread) : null,
    });
    atRisk -= end - start;
    start = end;
  }

  const events = sorted.filter((o) => o.event).length;
  const times = steps.map((s) => s.time);
  const lastTime = times.length > 0 ? (times[times.length - 1] as number) : 0;
  // The lower curve reaches 0.5 first, so it gives the median's lower bound. Where the
  // pointwise interval is undefined, the curve's own value (1 or 0) stands in for it.
  const median = crossing(times, steps.map((s) => s.survival), 0.5, lastTime);
  const medianCi = {
    lower: crossing(times, steps.map((s) => s.lower ?? s.survival), 0.5, lastTime),
    upper: crossing(times, steps.map((s) => s.upper ?? s.survival), 0.5, lastTime),
  };
  let reason: string | null = null;
  if (sorted.length === 0) reason = 'no observations';
  else if (median === null) reason = `median not reached: S(t) stays above 0.5 (${sorted.length - events} of ${sorted.length} still open)`;
  return { n: sorted.length, events, censored: sorted.length - events, steps, median, medianCi, level, reason };
}

/** S(t) from a fitted curve: 1 before the first step, else the last step at or before t. */
export function survivalAt(curve: KaplanMeier, time: number): number {
  let value = 1;
  for (const step of curve.steps) {
    if (step.time > time) break;
    value = step.survival;
  }
  return value;
}
