/**
 * One line of RESULTS.md: what was measured, against what, and how it stands against its goal.
 * Every family returns these; report.ts only formats them, so a figure can never be reported
 * differently from how it was judged.
 */
import type { Family } from './options.ts';

/**
 * PASS / FAIL: judged against a budget. INFO: measured, no budget applies here ("no budget
 * yet", or a goal stated at another size). SKIPPED: could not run on this machine (the note
 * says how to enable it). ERROR: the figure crashed (the note has the message); fails the run.
 */
export type Status = 'PASS' | 'FAIL' | 'INFO' | 'SKIPPED' | 'ERROR';

export interface Measure {
  value: number;
  unit: 'ms' | 'MiB' | 'KiB' | 'req/s' | 'count';
}

export interface Figure {
  family: Family;
  name: string;
  /** Fixture size, or null when the figure does not depend on one (bundle size). */
  incidents: number | null;
  /** Hindsight's number. */
  hindsight: Measure | null;
  /** What it is compared with, and that number. */
  baseline: { label: string; measure: Measure } | null;
  /** The ratio as a number and how to read it ("0.21× bare speed", "14.2× faster"). */
  ratio: { value: number; text: string } | null;
  goal: string;
  status: Status;
  /** Extra facts worth keeping (load times, peak RSS, why it was skipped). */
  note?: string;
}

/** A figure that crashed: reported with its message instead of stopping the other figures. */
export function errorFigure(family: Family, name: string, incidents: number | null, error: unknown): Figure {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${family}: ${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
  return { family, name, incidents, hindsight: null, baseline: null, ratio: null, goal: '—', status: 'ERROR', note: message.split('\n')[0] };
}

export const ms = (value: number): Measure => ({ value, unit: 'ms' });

/** "1,000,000" — sizes are printed the way people read them. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** What a family hands back to run.ts: its figures, versions it learned, numbers that disagreed. */
export interface FamilyResult {
  figures: Figure[];
  /** e.g. { 'PostgreSQL': '15.14' } for the report's machine section. */
  versions: Record<string, string>;
  /** One sentence per disagreement (engine, row, column); any entry fails the run. */
  mismatches: string[];
}
