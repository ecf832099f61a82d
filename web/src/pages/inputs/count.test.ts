import { describe, expect, it } from 'vitest';
import { MAX_COUNT, parseCount } from './count.ts';

describe('a typed count', () => {
  it('accepts whole numbers from 0 to the maximum, and an empty cell', () => {
    expect(parseCount('0')).toBe(0);
    expect(parseCount(' 1800 ')).toBe(1800);
    expect(parseCount('007')).toBe(7);
    expect(parseCount(String(MAX_COUNT))).toBe(MAX_COUNT);
    expect(parseCount('')).toBeNull();
    expect(parseCount('  ')).toBeNull();
  });

  it('refuses fractions, signs, letters and numbers above the maximum', () => {
    for (const text of ['1.5', '-3', '+3', '12a', '1e3', '１２', String(MAX_COUNT + 1)])
      expect(parseCount(text), text).toBeUndefined();
  });
});
