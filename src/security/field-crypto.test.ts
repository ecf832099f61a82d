import { describe, expect, it } from 'vitest';
import { blindIndex, decryptField, encryptField } from './field-crypto.ts';
import { keysFromHex } from './keys.ts';

const keys = keysFromHex('11'.repeat(32));
const other = keysFromHex('22'.repeat(32));

describe('field encryption (SM4-CBC + HMAC-SM3)', () => {
  it('round-trips and uses a fresh IV each time', () => {
    const a = encryptField(keys, '11010519491231002X');
    const b = encryptField(keys, '11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('11010519491231002X');
    expect(decryptField(keys, a)).toBe('11010519491231002X');
  });

  it('never repeats an IV, also across refills of the random pool', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i += 1) {
      const sealed = encryptField(keys, String(i));
      ivs.add(sealed.split(':')[1] ?? '');
      if (i % 997 === 0) expect(decryptField(keys, sealed)).toBe(String(i));
    }
    expect(ivs.size).toBe(10_000);
  });

  it('detects tampering and a wrong key', () => {
    const sealed = encryptField(keys, '11010519491231002X');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[2] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], body.toString('base64'), parts[3]].join(':');
    expect(() => decryptField(keys, tampered)).toThrow('密文校验失败');
    expect(() => decryptField(other, sealed)).toThrow('密文校验失败');
  });

  it('blind index is deterministic per key', () => {
    expect(blindIndex(keys, 'a')).toBe(blindIndex(keys, 'a'));
    expect(blindIndex(keys, 'a')).not.toBe(blindIndex(other, 'a'));
    expect(blindIndex(keys, 'a')).toMatch(/^[0-9a-f]{64}$/);
  });
});
