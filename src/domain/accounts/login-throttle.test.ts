import { describe, expect, it } from 'vitest';
import { ADDRESS_MAX_FAILURES, LoginThrottle } from './login-throttle.ts';

const A = '10.0.0.1';
const B = '10.0.0.2';

describe('login throttle', () => {
  it('makes one address wait after 5 failures on an account, doubling, but not another address', () => {
    let now = 0;
    const t = new LoginThrottle(() => now);
    for (let i = 0; i < 4; i++) t.fail('admin', A);
    expect(t.check('admin', A)).toEqual({ allowed: true, delayMs: 0 });
    t.fail('admin', A);
    expect(t.check('admin', A)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(t.check('admin', B)).toEqual({ allowed: true, delayMs: 0 });
    expect(t.check('clerk', A).allowed).toBe(true);
    now += 30_000;
    expect(t.check('admin', A).allowed).toBe(true);
    t.fail('admin', A);
    expect(t.check('admin', A)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    now += 15 * 60_000 + 1;
    expect(t.check('admin', A)).toEqual({ allowed: true, delayMs: 0 });
  });

  it('slows an account attacked from many addresses without refusing it', () => {
    const t = new LoginThrottle(() => 0);
    for (let i = 0; i < 10; i++) t.fail('admin', `10.1.0.${i}`);
    expect(t.check('admin', B)).toEqual({ allowed: true, delayMs: 250 });
    for (let i = 0; i < 40; i++) t.fail('admin', `10.2.0.${i}`);
    expect(t.check('admin', B)).toEqual({ allowed: true, delayMs: 5_000 });
  });

  it('stops an address that sprays many accounts, and only that address', () => {
    const t = new LoginThrottle(() => 0);
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) t.fail(`user${i}`, A);
    expect(t.check('someone', A).allowed).toBe(false);
    expect(t.check('someone', B).allowed).toBe(true);
  });

  it('forgets the failures of an account from an address after a success there', () => {
    const t = new LoginThrottle(() => 0);
    for (let i = 0; i < 4; i++) t.fail('admin', A);
    t.succeed('admin', A);
    t.fail('admin', A);
    expect(t.check('admin', A)).toEqual({ allowed: true, delayMs: 0 });
  });
});
