import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSm3, sm3 } from './sm3.ts';

describe('SM3 in JavaScript', () => {
  it('gives the standard example digests (GB/T 32905-2016, appendix A)', () => {
    expect(sm3(Buffer.from('abc')).toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(sm3(Buffer.from('abcd'.repeat(16))).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('matches node:crypto for every length across the padding boundaries, and for Chinese text', () => {
    for (let length = 0; length <= 200; length++) {
      const message = crypto.randomBytes(length);
      expect(sm3(message).toString('hex')).toBe(crypto.createHash('sm3').update(message).digest('hex'));
    }
    const text = Buffer.from('张三640121199001011234X，编制');
    expect(sm3(text).toString('hex')).toBe(crypto.createHash('sm3').update(text).digest('hex'));
  });

  it('HMAC-SM3 matches node:crypto for short, block-sized and long keys and messages', () => {
    for (const keyLength of [0, 16, 32, 64, 65, 100]) {
      const key = crypto.randomBytes(keyLength);
      const mac = new HmacSm3(key);
      for (const length of [0, 1, 18, 48, 55, 56, 63, 64, 65, 119, 120, 200, 1000]) {
        const message = crypto.randomBytes(length);
        const expected = crypto.createHmac('sm3', key).update(message).digest('hex');
        expect(Buffer.from(mac.digest(message)).toString('hex')).toBe(expected);
      }
    }
  });

  it('writes the HMAC where it is asked to, leaving the bytes around it', () => {
    const key = crypto.randomBytes(32);
    const out = Buffer.alloc(40, 0xaa);
    new HmacSm3(key).digest(Buffer.from('x'), out, 4);
    expect(out.subarray(4, 36).toString('hex')).toBe(crypto.createHmac('sm3', key).update('x').digest('hex'));
    expect([...out.subarray(0, 4), ...out.subarray(36)]).toEqual(new Array(8).fill(0xaa));
  });
});
