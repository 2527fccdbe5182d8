// Kaplan–Meier survival curves: the share of incidents not yet resolved (or acknowledged, …)
// after each time, open incidents censored rather than dropped, one step line per group with
// its pointwise interval as a band and the median marked. Time is on a log axis (durations
// are log-normal-ish). Pure: groups in (GET /api/survival's shape), element out.
import * as Plot from '@observablehq/plot';
import { formatDuration, formatInteger } from '../lib/format.ts';
import { DURATION_TICKS, SERIES_COLORS, finishSvg } from './scales.ts';

export interface SurvivalGroupInput {
  label: string;
  n: number;
  censored: number;
  median: number | null;
  steps: ReadonlyArray<{ time: number; survival: number; lower: number | null; upper: number | null }>;
}

export interface SurvivalOptions {
  width: number;
  /** Default 320. */
  height?: number;
  /** Axis title, e.g. "Time to resolve". */
  label: string;
  document?: Document;
  colors?: readonly string[];
  fontSize?: number;
  fontFamily?: string;
}

const FLOOR = 60;

export function survivalChart(groups: readonly SurvivalGroupInput[], options: SurvivalOptions): SVGElement | HTMLElement {
  const { width, height = 320, document = globalThis.document, fontSize = 11 } = options;
  const colors = options.colors ?? SERIES_COLORS;
  const x = (t: number) => Math.log10(Math.max(t, FLOOR));
  // Each curve starts at S = 1 at the floor, so a group whose first event is late still shows its plateau.
  const steps = groups.flatMap((g) => [{ group: g.label, time: FLOOR, survival: 1, lower: 1, upper: 1 }, ...g.steps.map((s) => ({ group: g.label, ...s }))]);
  const times = steps.map((s) => s.time);
  const ticks = DURATION_TICKS.filter((t) => t.seconds >= Math.min(...times, FLOOR) && t.seconds <= Math.max(...times, FLOOR) * 1.5);
  const shown = ticks.filter((_, i) => ticks.length <= 8 || i % 2 === 0);
  const medians = groups.filter((g) => g.median !== null).map((g) => ({ group: g.label, time: g.median as number }));
  const chart = Plot.plot({
    document, width, height, marginLeft: 56, marginBottom: 40,
    ariaLabel: `Survival curve of ${options.label}`,
    ariaDescription: groups.map((g) => `${g.label}: n = ${g.n}, ${g.censored} still open (censored)`).join('; '),
    x: {
      label: `${options.label} (log scale)`, ticks: shown.map((t) => Math.log10(t.seconds)),
      tickFormat: (v: number) => shown.find((t) => Math.abs(Math.log10(t.seconds) - v) < 1e-9)?.label ?? '',
    },
    y: { label: 'Share not yet reached', domain: [0, 1], grid: true, tickFormat: (v: number) => `${Math.round(v * 100)}%` },
    color: { type: 'ordinal', domain: groups.map((g) => g.label), range: groups.map((_, i) => colors[i % colors.length]!) },
    marks: [
      Plot.areaY(steps.filter((s) => s.lower !== null && s.upper !== null), {
        x: (s: (typeof steps)[number]) => x(s.time), y1: 'lower', y2: 'upper', z: 'group', fill: 'group', fillOpacity: 0.15, curve: 'step-after',
      }),
      Plot.lineY(steps, {
        // No per-step title: a varying title would split each curve into one path per step.
        x: (s: (typeof steps)[number]) => x(s.time), y: 'survival', z: 'group', stroke: 'group', strokeWidth: 1.75, curve: 'step-after', className: 'survival',
      }),
      Plot.ruleY([0.5], { strokeDasharray: '4,3', stroke: 'currentColor', strokeOpacity: 0.5 }),
      Plot.dot(medians, {
        x: (m: { time: number }) => x(m.time), y: 0.5, stroke: 'group', fill: 'group', r: 3.5,
        title: (m: { group: string; time: number }) => `${m.group}: median ${formatDuration(m.time)}`,
      }),
    ],
  });
  finishSvg(chart, fontSize, options.fontFamily);
  return chart;
}

/** One line of text per group, for the table under the chart. */
export function survivalSummary(g: SurvivalGroupInput): string {
  return `${g.label}: n = ${formatInteger(g.n)}, ${formatInteger(g.censored)} still open (censored), median ${g.median === null ? 'not reached' : formatDuration(g.median)}`;
}
