import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpStep } from './totp.ts';

// RFC 6238 appendix B (SHA1): the secret is the ASCII "12345678901234567890".
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC test vectors (8 digits, SHA1)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(hotp(RFC_SECRET, totpStep(seconds * 1000), 8)).toBe(code);
  });

  it('round-trips Base32 (RFC 4648)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(RFC_SECRET))).toEqual(RFC_SECRET);
  });

  it('accepts the current code and one step of drift, nothing else', () => {
    const secret = base32Encode(RFC_SECRET);
    const now = 59_000;
    expect(matchTotp(secret, '287082', now)).toBe(1);
    expect(matchTotp(secret, '287082', now + 30_000)).toBe(1);
    expect(matchTotp(secret, '287082', now + 60_000)).toBeNull();
    expect(matchTotp(secret, '000000', now)).toBeNull();
    expect(matchTotp(secret, '28708', now)).toBeNull();
  });

  it('writes an otpauth URI without a QR code', () => {
    expect(otpauthUri({ issuer: '编制', account: 'admin', secret: 'ABC' })).toBe(
      'otpauth://totp/%E7%BC%96%E5%88%B6%3Aadmin?secret=ABC&issuer=%E7%BC%96%E5%88%B6&algorithm=SHA1&digits=6&period=30',
    );
  });
});
