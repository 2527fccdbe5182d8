/** Pure: the one-sentence messages and the formats they suggest. */
import { describe, expect, it } from 'vitest';
import { describeDateProblem, suggestFormats } from '../../../ingest/dates/index.ts';

describe('suggestFormats follows the example’s shape', () => {
  it.each([
    ['03/04/2026', ['%d/%m/%Y', '%m/%d/%Y']],
    ['03/04/2026 09:15', ['%d/%m/%Y %H:%M', '%m/%d/%Y %H:%M']],
    ['3.4.26 9:15:02', ['%d.%m.%y %H:%M:%S', '%m.%d.%y %H:%M:%S']],
    ['03-04-2026 09:15:02.5', ['%d-%m-%Y %H:%M:%S.%f', '%m-%d-%Y %H:%M:%S.%f']],
    ['2/3/2016 1:16:05 PM', ['%d/%m/%Y %I:%M:%S %p', '%m/%d/%Y %I:%M:%S %p']],
    ['2/3/2016 1:16PM', ['%d/%m/%Y %I:%M%p', '%m/%d/%Y %I:%M%p']],
    [undefined, ['%d/%m/%Y %H:%M', '%m/%d/%Y %H:%M']],
  ] as const)('%s', (example, expected) => {
    expect(suggestFormats(example)).toEqual(expected);
  });
});

describe('describeDateProblem', () => {
  it('ambiguous: quotes the longest example and suggests both orders', () => {
    expect(describeDateProblem('incidents.csv', { column: 'Created', problem: 'ambiguous-day-month', examples: ['03/04/2026', '11/12/2026 10:00'] })).toBe(
      'incidents.csv: column "Created" has dates like 11/12/2026 10:00 that could be day-first or month-first; pass --date-format "%d/%m/%Y %H:%M" or "%m/%d/%Y %H:%M".',
    );
  });

  it('inconsistent: names one value of each order', () => {
    expect(describeDateProblem('export.csv', { column: 'Resolved', problem: 'inconsistent-day-month', examples: ['25/04/2026 10:00', '04/25/2026 10:00'] })).toBe(
      'export.csv: column "Resolved" mixes day-first dates like 25/04/2026 10:00 with month-first dates like 04/25/2026 10:00; ' +
        'correct the file, or pass --date-format "%d/%m/%Y %H:%M" or "%m/%d/%Y %H:%M" to read every value one way (values that don\'t fit are flagged).',
    );
  });
});
