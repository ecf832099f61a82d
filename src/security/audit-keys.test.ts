import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditKeyring, legacyAuditKey } from './audit-keys.ts';

describe('audit key ring', () => {
  it('picks the key in force for each event and survives a round trip through its file', () => {
    const a = Buffer.alloc(32, 1);
    const b = Buffer.alloc(32, 2);
    const ring = AuditKeyring.single(a).withNewKey(10, b);
    expect(ring.keyFor(0)).toEqual(a);
    expect(ring.keyFor(9)).toEqual(a);
    expect(ring.keyFor(10)).toEqual(b);
    expect(ring.keyFor(500)).toEqual(b);
    const again = AuditKeyring.parse(ring.serialize(), 'f');
    expect(again.epochs).toEqual(ring.epochs);
    expect(() => ring.withNewKey(5)).toThrow(/大于/);
  });

  it('reads a bare key as in force from event 1 and refuses malformed files', () => {
    expect(AuditKeyring.parse(`${'ab'.repeat(32)}\n`, 'f').keyFor(1)).toEqual(Buffer.alloc(32, 0xab));
    expect(() => AuditKeyring.parse('# 只有注释\n', 'f')).toThrow(/没有密钥/);
    expect(() => AuditKeyring.parse('1 xyz\n', 'f')).toThrow(/格式不正确/);
    expect(() => AuditKeyring.parse(`5 ${'ab'.repeat(32)}\n`, 'f')).toThrow(/第 1 号/);
  });

  it('derives the legacy key exactly as earlier versions did', () => {
    const master = 'a1'.repeat(32);
    const earlier = crypto
      .createHmac('sm3', Buffer.from(master, 'hex'))
      .update('bianzhi:audit-chain')
      .digest()
      .subarray(0, 32);
    expect(legacyAuditKey(master)).toEqual(earlier);
  });
});
