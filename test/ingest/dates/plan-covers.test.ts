/** planCovers: when a plan proposed from a column's first values types the whole column as its own plan would. */
import { describe, expect, it } from 'vitest';
import { DATE_FAMILIES, planCovers, planFromCounts, type DateFamily } from '../../../ingest/dates/index.ts';

/** A plan from counts: `families` present once each; numeric ones proving `order` (or none). */
function plan(families: DateFamily[], order: 'day-first' | 'month-first' | 'both' | null = null) {
  const counts = Object.fromEntries(DATE_FAMILIES.map((family) => [family, families.includes(family) ? 1 : 0])) as Record<DateFamily, number>;
  return planFromCounts('opened_at', {
    values: families.length, families: counts, unmatched: 0,
    dayFirst: order === 'day-first' || order === 'both' ? 1 : 0, monthFirst: order === 'month-first' || order === 'both' ? 1 : 0, twoDigitYears: 0,
  }, { ambiguous: [], dayFirst: '25/04/2026', monthFirst: '04/25/2026' });
}

describe('planCovers', () => {
  it('holds when every family of the whole column is in the proposal', () => {
    expect(planCovers(plan(['iso-offset']), plan(['iso-offset']))).toBe(true);
    expect(planCovers(plan(['iso', 'iso-offset', 'epoch-s']), plan(['iso-offset']))).toBe(true);
    expect(planCovers(plan(['iso-offset']), plan([]))).toBe(true);
  });

  it('fails when the whole column has a family the proposal lacks', () => {
    expect(planCovers(plan(['iso-offset']), plan(['iso-offset', 'iso']))).toBe(false);
    expect(planCovers(plan([]), plan(['month-name']))).toBe(false);
  });

  it('needs the same day/month order for numeric dates', () => {
    expect(planCovers(plan(['numeric'], 'day-first'), plan(['numeric'], 'day-first'))).toBe(true);
    expect(planCovers(plan(['numeric'], 'month-first'), plan(['numeric'], 'day-first'))).toBe(false);
    expect(planCovers(plan(['iso']), plan(['iso', 'numeric'], 'day-first'))).toBe(false);
  });

  it('never holds for a whole column whose order is ambiguous or inconsistent', () => {
    expect(planCovers(plan(['numeric'], 'day-first'), plan(['numeric'], 'both'))).toBe(false);
    expect(planCovers(plan(['numeric'], 'day-first'), plan(['numeric']))).toBe(false);
  });
});
