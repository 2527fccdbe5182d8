/**
 * One-sentence messages for a date column the import cannot read without help. The caller knows
 * the file; detection knows the column and examples. Suggested formats are derived from the
 * example quoted, so the user can copy one and it fits (separator, year width, time, AM/PM).
 */
import { NUMERIC_DATE } from './patterns.ts';
import type { DateProblem } from './plan.ts';

export function describeDateProblem(file: string, problem: DateProblem): string {
  const names = problem.columns && problem.columns.length > 1 ? problem.columns : [problem.column];
  const column = names.length > 1 ? `columns ${names.map((name) => `"${name}"`).join(' and ')}` : `column "${problem.column}"`;
  const [has, mixes] = names.length > 1 ? ['have', 'mix'] : ['has', 'mixes'];
  if (problem.problem === 'ambiguous-day-month') {
    const example = longest(problem.examples);
    const [dayFirst, monthFirst] = suggestFormats(example);
    const like = example ? ` like ${example}` : '';
    return `${file}: ${column} ${has} dates${like} that could be day-first or month-first; pass --date-format "${dayFirst}" or "${monthFirst}".`;
  }
  const [dayExample, monthExample] = problem.examples;
  const [dayFirst, monthFirst] = suggestFormats(longest(problem.examples));
  return (
    `${file}: ${column} ${mixes} day-first dates like ${dayExample ?? '?'} with month-first dates like ${monthExample ?? '?'}; ` +
    `correct the file, or pass --date-format "${dayFirst}" or "${monthFirst}" to read every value one way (values that don't fit are flagged).`
  );
}

/**
 * [day-first, month-first] strptime formats shaped like a numeric date value, e.g.
 * `2/29/2016 1:16:05 PM` → ['%d/%m/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M:%S %p']. A value of another
 * shape gets the common `%d/%m/%Y %H:%M` pair.
 */
export function suggestFormats(example: string | undefined): [string, string] {
  const match = example === undefined ? null : new RegExp(NUMERIC_DATE).exec(example);
  if (!match) return ['%d/%m/%Y %H:%M', '%m/%d/%Y %H:%M'];
  const [, , sep = '/', , year = '', hour, , seconds, ampm] = match;
  let time = '';
  if (hour !== undefined) {
    time = ` ${ampm ? '%I' : '%H'}:%M`;
    if (seconds !== undefined) time += seconds.includes('.') ? ':%S.%f' : ':%S';
    // Keep the value's spacing: DuckDB's `%p` needs the space to be there, or not, as written.
    if (ampm) time += /\s[AaPp][Mm]$/.test(example!) ? ' %p' : '%p';
  }
  const y = year.length === 2 ? '%y' : '%Y';
  return [`%d${sep}%m${sep}${y}${time}`, `%m${sep}%d${sep}${y}${time}`];
}

function longest(values: string[]): string | undefined {
  return values.reduce<string | undefined>((best, value) => (best === undefined || value.length > best.length ? value : best), undefined);
}
