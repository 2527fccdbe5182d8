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
  /** The columns involved when the problem spans several that share one format (settleSharedOrder). Default: `column` alone. */
  columns?: string[];
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

/**
 * Whether values typed by the `proposed` plan come out exactly as the `whole` column's plan
 * would type them. Families never overlap (a value has one shape, see patterns.ts), and each
 * shape is parsed by its own branch whichever others a plan has, so this holds when every family
 * of the whole column is in the proposal and, for numeric dates, the day/month order is the same.
 * A whole-column problem (ambiguous or inconsistent order) never holds.
 */
export function planCovers(proposed: DateColumnPlan, whole: DateColumnPlan): boolean {
  if (whole.problem) return false;
  if (!whole.families.every((family) => proposed.families.includes(family))) return false;
  return !whole.families.includes('numeric') || whole.dayOrder === proposed.dayOrder;
}

/**
 * One day/month order for columns that share a date format — a ServiceNow export prints every
 * date-time in the exporting user's one display format, so `14-04-2026` in any column settles
 * `03-04-2026` in all of them. A column that proves an order settles the columns that prove
 * none; columns proving opposite orders, or no column proving one while some hold numeric
 * dates, are a problem naming every column involved. Pure; plans are returned in input order.
 */
export function settleSharedOrder(plans: readonly DateColumnPlan[]): { plans: DateColumnPlan[]; problem: DateProblem | null } {
  const inconsistent = plans.find((plan) => plan.dayOrder === 'inconsistent');
  if (inconsistent) return { plans: [...plans], problem: inconsistent.problem };
  const dayFirst = plans.filter((plan) => plan.dayOrder === 'day-first');
  const monthFirst = plans.filter((plan) => plan.dayOrder === 'month-first');
  const undecided = plans.filter((plan) => plan.dayOrder === 'undecided');
  if (dayFirst.length > 0 && monthFirst.length > 0) {
    const columns = [...new Set([dayFirst[0]!.column, monthFirst[0]!.column])];
    const examples = [dayFirst[0]!.samples.dayFirst, monthFirst[0]!.samples.monthFirst].filter((value): value is string => value !== undefined);
    return { plans: [...plans], problem: { column: columns[0]!, columns, problem: 'inconsistent-day-month', examples } };
  }
  const order = dayFirst.length > 0 ? 'day-first' : monthFirst.length > 0 ? 'month-first' : null;
  if (order === null) {
    if (undecided.length === 0) return { plans: [...plans], problem: null };
    const columns = undecided.map((plan) => plan.column);
    const examples = [...new Set(undecided.flatMap((plan) => plan.samples.ambiguous))];
    return { plans: [...plans], problem: { column: columns[0]!, columns, problem: 'ambiguous-day-month', examples } };
  }
  return {
    plans: plans.map((plan) => (plan.dayOrder !== 'undecided' ? plan : {
      ...plan, dayOrder: order, ambiguous: false, problem: null, kind: plan.kind === 'numeric-undecided' ? order : plan.kind,
    })),
    problem: null,
  };
}

/**
 * The plan detection makes for a column whose every value is naive ISO text (`2026-03-04
 * 09:15:02`) or absent — `values` of them present — without scanning it in SQL. A caller that
 * has the values in JavaScript (a JSON reader) proves it with `isNaiveIso` and skips a
 * detection statement, whose planning alone cost a small sync batch tens of milliseconds.
 * Only a proof may lead here: a column with one other value must be detected.
 */
export function naiveIsoPlan(column: string, values: number): DateColumnPlan {
  const families = Object.fromEntries(DATE_FAMILIES.map((family) => [family, family === 'iso' ? values : 0])) as Record<DateFamily, number>;
  return planFromCounts(column, { values, families, unmatched: 0, dayFirst: 0, monthFirst: 0, twoDigitYears: 0 }, { ambiguous: [] });
}
