import { describe, expect, it } from 'vitest';
import { prefersReducedMotion } from './motion.ts';

describe('prefersReducedMotion', () => {
  it('follows the media query, and animates where it cannot be asked', () => {
    const asked: string[] = [];
    const media = (matches: boolean) => (query: string) => (asked.push(query), { matches });
    expect(prefersReducedMotion(media(true))).toBe(true);
    expect(prefersReducedMotion(media(false))).toBe(false);
    expect(asked).toEqual(['(prefers-reduced-motion: reduce)', '(prefers-reduced-motion: reduce)']);
    expect(prefersReducedMotion(undefined)).toBe(false);
  });
});
