import { describe, expect, it } from 'vitest';
import { dateTime } from './format.ts';

describe('dateTime', () => {
  it('prints a UTC timestamp in China time, the day rolling over after 16:00 UTC', () => {
    expect(dateTime('2026-12-02T16:20:00.000Z')).toBe('2026-12-03 00:20');
    expect(dateTime('2026-03-14T02:05:00.000Z')).toBe('2026-03-14 10:05');
    expect(dateTime(null)).not.toMatch(/\d/);
  });
});
