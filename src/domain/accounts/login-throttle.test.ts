import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('login throttle', () => {
  it('locks a username after 5 failures in 15 minutes and releases it afterwards', () => {
    let now = 0;
    const t = new LoginThrottle(() => now);
    for (let i = 0; i < 4; i++) t.fail('admin');
    expect(t.isLocked('admin')).toBe(false);
    t.fail('admin');
    expect(t.isLocked('admin')).toBe(true);
    expect(t.isLocked('clerk')).toBe(false);
    now += 15 * 60_000 + 1;
    expect(t.isLocked('admin')).toBe(false);
  });

  it('forgets failures after a success', () => {
    const t = new LoginThrottle(() => 0);
    for (let i = 0; i < 4; i++) t.fail('admin');
    t.succeed('admin');
    t.fail('admin');
    expect(t.isLocked('admin')).toBe(false);
  });
});
