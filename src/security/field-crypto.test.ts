import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, decryptField, encryptField, FieldSealer } from './field-crypto.ts';
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
    expect(blindIndex(keys, 'a')).toMatch(/^[0-9a-f]{32}$/);
    // The first 128 bits of HMAC-SM3 (migration 0032 keeps stored hashes to that prefix).
    expect(blindIndex(keys, 'a')).toBe(
      crypto.createHmac('sm3', keys.index).update('a').digest('hex').slice(0, 32),
    );
  });
});

describe('FieldSealer (many fields at once)', () => {
  const sealer = new FieldSealer(keys);
  // Lengths across the block boundaries (0, 15, 16, 17 bytes …), Chinese text, an 18-digit number.
  const plains = [
    '',
    'a',
    'x'.repeat(15),
    'x'.repeat(16),
    'x'.repeat(17),
    '11010519491231002X',
    '张三·编制',
    'y'.repeat(70),
  ];

  it('gives the blind index of blindIndex', () => {
    for (const p of [...plains, '640121199001011234']) {
      expect(sealer.blindIndex(p)).toBe(blindIndex(keys, p));
      expect(sealer.blindIndexBytes(p).toString('hex')).toBe(blindIndex(keys, p));
    }
  });

  it('seals what decryptField opens, with a fresh IV per field', () => {
    const sealed = sealer.encryptAll([...plains, ...plains]);
    expect(sealed).toHaveLength(plains.length * 2);
    sealed.forEach((s, i) => expect(decryptField(keys, s)).toBe(plains[i % plains.length]));
    expect(new Set(sealed.map((s) => s.split(':')[1])).size).toBe(sealed.length);
    expect(() => decryptField(other, sealed[0] ?? '')).toThrow('密文校验失败');
    expect(sealer.encryptAll([])).toEqual([]);
  });

  it('is byte for byte SM4-CBC with PKCS#7 padding and an HMAC-SM3 tag over IV and body, as encryptField', () => {
    for (const s of sealer.encryptAll(plains)) {
      const [version, ivB64, bodyB64, tagB64] = s.split(':');
      expect(version).toBe('v1');
      const iv = Buffer.from(ivB64 ?? '', 'base64');
      const body = Buffer.from(bodyB64 ?? '', 'base64');
      const plain = decryptField(keys, s);
      const cipher = crypto.createCipheriv('sm4-cbc', keys.encryption, iv);
      expect(Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64')).toBe(bodyB64);
      expect(crypto.createHmac('sm3', keys.mac).update(iv).update(body).digest('base64')).toBe(tagB64);
    }
  });
});
