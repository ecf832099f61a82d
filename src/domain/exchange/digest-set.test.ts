import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestSet } from './digest-set.ts';

describe('DigestSet', () => {
  it('finds every digest added, with its first row, across many growths, and no other', () => {
    const set = new DigestSet();
    const digests = Array.from({ length: 20_000 }, () => crypto.randomBytes(16));
    digests.forEach((d, i) => {
      expect(set.get(d)).toBeUndefined();
      set.add(d, i + 2);
    });
    expect(set.size).toBe(20_000);
    digests.forEach((d, i) => expect(set.get(Buffer.from(d))).toBe(i + 2));
    for (let i = 0; i < 1000; i++) expect(set.get(crypto.randomBytes(16))).toBeUndefined();
  });

  it('keeps the first row of a digest added twice', () => {
    const set = new DigestSet();
    const d = crypto.randomBytes(16);
    set.add(d, 5);
    set.add(d, 9);
    expect(set.get(d)).toBe(5);
    expect(set.size).toBe(1);
  });

  it('tells apart digests that share their first bytes (the same slot)', () => {
    const set = new DigestSet();
    const a = Buffer.alloc(16, 1);
    const b = Buffer.alloc(16, 1);
    b[15] = 2;
    const c = Buffer.alloc(16, 1);
    c[8] = 7;
    set.add(a, 10);
    set.add(b, 11);
    expect(set.get(a)).toBe(10);
    expect(set.get(b)).toBe(11);
    expect(set.get(c)).toBeUndefined();
    set.add(c, 12);
    expect([set.get(a), set.get(b), set.get(c)]).toEqual([10, 11, 12]);
  });

  it('refuses a digest of another width', () => {
    expect(() => new DigestSet().add(Buffer.alloc(32), 1)).toThrow('16 字节');
  });
});
