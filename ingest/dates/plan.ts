/**
 * What detection learned about one date column, and the pure rule that turns column-wide counts
 * into a plan. Day/month order is a property of the COLUMN, never of a value: `03/04/2026` alone
 * proves nothing, `25/04/2026` anywhere in the column proves day-first for every row.
 */

/** Value shapes, see patterns.ts. */
export type DateFamily = 'iso' | 'iso-offset' | 'numeric' | 'month-name' | 'epoch-s' | 'epoch-ms';

export type DayOrder = 'day-first' | 'month-first';

/** How the column is read: one family, several ('mixed'), nothing usable, or nothing at all. */
export type DateColumnKind =
  | 'empty'
  | 'iso'
  | 'day-first'
  | 'month-first'
  | 'numeric-undecided'
  | 'month-name'
  | 'epoch'
  | 'mixed'
  | 'unrecognised';

export interface DateProblem {
  column: string;
  /** ambiguous: numeric dates never show which number is the day; inconsistent: both orders occur. */
  problem: 'ambiguous-day-month' | 'inconsistent-day-month';
  /** Values to quote in the message (for inconsistent: a day-first one, then a month-first one). */
  examples: string[];
}

/** Column-wide counts, as returned by detection's one aggregate query. */
export interface DateColumnCounts {
  /** Values left after trimming and removing null markers. */
  values: number;
  families: Record<DateFamily, number>;
  /** Values that fit no family: they will be NULL and flagged by the caller. */
  unmatched: number;
  /** Numeric dates whose first number is 13–31 and second 1–12 (prove day-first). */
  dayFirst: number;
  /** Numeric dates whose first number is 1–12 and second 13–31 (prove month-first). */
  monthFirst: number;
  /** Numeric dates with 2-digit years (read as 20yy). */
  twoDigitYears: number;
}

export interface DateColumnSamples {
  /** Smallest and largest numeric value that could be read either way. */
  ambiguous: string[];
  dayFirst?: string | undefined;
  monthFirst?: string | undefined;
  /** Smallest value that fits no format. */
  unmatched?: string | undefined;
}

export interface DateColumnPlan {
  column: string;
  kind: DateColumnKind;
  /** Families present, in a fixed order. */
  families: DateFamily[];
  /** Day/month order of the numeric dates; null when the column has none. */
  dayOrder: DayOrder | 'undecided' | 'inconsistent' | null;
  /** Numeric dates present and their order never settled: needs --date-format. */
  ambiguous: boolean;
  /** Set when the import must stop unless an explicit --date-format is given. */
  problem: DateProblem | null;
  counts: DateColumnCounts;
  samples: DateColumnSamples;
}

export const DATE_FAMILIES: readonly DateFamily[] = ['iso', 'iso-offset', 'numeric', 'month-name', 'epoch-s', 'epoch-ms'];

export function planFromCounts(column: string, counts: DateColumnCounts, samples: DateColumnSamples): DateColumnPlan {
  const families = DATE_FAMILIES.filter((family) => counts.families[family] > 0);
  const dayOrder = decideDayOrder(counts);
  let problem: DateProblem | null = null;
  if (dayOrder === 'undecided') {
    problem = { column, problem: 'ambiguous-day-month', examples: samples.ambiguous };
  } else if (dayOrder === 'inconsistent') {
    const examples = [samples.dayFirst, samples.monthFirst].filter((value): value is string => value !== undefined);
    problem = { column, problem: 'inconsistent-day-month', examples };
  }
  return {
    column,
    kind: kindOf(counts, families, dayOrder),
    families,
    dayOrder,
    ambiguous: dayOrder === 'undecided',
    problem,
    counts,
    samples,
  };
}

function decideDayOrder(counts: DateColumnCounts): DateColumnPlan['dayOrder'] {
  if (counts.families.numeric === 0) return null;
  if (counts.dayFirst > 0 && counts.monthFirst > 0) return 'inconsistent';
  if (counts.dayFirst > 0) return 'day-first';
  if (counts.monthFirst > 0) return 'month-first';
  return 'undecided';
}

function kindOf(counts: DateColumnCounts, families: DateFamily[], dayOrder: DateColumnPlan['dayOrder']): DateColumnKind {
  if (counts.values === 0) return 'empty';
  const groups = new Set(families.map((family) => (family.startsWith('iso') ? 'iso' : family.startsWith('epoch') ? 'epoch' : family)));
  if (groups.size === 0) return 'unrecognised';
  if (groups.size > 1) return 'mixed';
  const [only] = groups;
  if (only === 'numeric') return dayOrder === 'day-first' || dayOrder === 'month-first' ? dayOrder : 'numeric-undecided';
  return only as DateColumnKind;
}
