import { describe, expect, it } from 'vitest';
import { SMALL_N, isSmallN } from '../../../queries/stats/small-n.ts';

describe('isSmallN', () => {
  it('marks n below the threshold (default 10)', () => {
    expect(SMALL_N).toBe(10);
    expect(isSmallN(0)).toBe(true);
    expect(isSmallN(9)).toBe(true);
    expect(isSmallN(10)).toBe(false);
    expect(isSmallN(29, 30)).toBe(true);
    expect(isSmallN(30, 30)).toBe(false);
  });
});
