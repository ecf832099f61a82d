// 身份证号 at rest: SM4-CBC with a random IV, authenticated by HMAC-SM3 (encrypt-then-MAC),
// plus a keyed hash that finds a person without decrypting anyone.
import crypto from 'node:crypto';
import type { Keys } from './keys.ts';
import { HmacSm3 } from './sm3.ts';

const VERSION = 'v1';

// Random IVs drawn from the CSPRNG a few thousand at a time: one system call per 4,096 fields
// instead of one per field (an import encrypts a million). Each IV is used once and the pool is
// refilled before any byte would be reused.
const IV_BYTES = 16;
const ivPool = Buffer.alloc(IV_BYTES * 4096);
let ivOffset = ivPool.length;

function freshIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    crypto.randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
}

export function encryptField(keys: Keys, plain: string): string {
  const iv = freshIv();
  const cipher = crypto.createCipheriv('sm4-cbc', keys.encryption, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = crypto.createHmac('sm3', keys.mac).update(iv).update(body).digest();
  return [VERSION, iv.toString('base64'), body.toString('base64'), tag.toString('base64')].join(':');
}

export function decryptField(keys: Keys, sealed: string): string {
  const [version, ivB64, bodyB64, tagB64] = sealed.split(':');
  if (version !== VERSION || !ivB64 || !bodyB64 || !tagB64) throw new Error('密文格式不正确');
  const iv = Buffer.from(ivB64, 'base64');
  const body = Buffer.from(bodyB64, 'base64');
  const expected = crypto.createHmac('sm3', keys.mac).update(iv).update(body).digest();
  const tag = Buffer.from(tagB64, 'base64');
  if (tag.length !== expected.length || !crypto.timingSafeEqual(tag, expected)) {
    throw new Error('密文校验失败：数据被篡改或密钥不匹配');
  }
  const decipher = crypto.createDecipheriv('sm4-cbc', keys.encryption, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/**
 * Bytes of the keyed hash kept (the first of HMAC-SM3's 32): 128 bits, as HMAC allows truncating,
 * far beyond any collision among the people of a country, and half the unique index of a full
 * hash that every person written updates at a random place (migration 0032).
 */
export const BLIND_INDEX_BYTES = 16;

/** The keyed hash that finds a person by 身份证号 without decrypting anyone: hex of BLIND_INDEX_BYTES. */
export function blindIndex(keys: Keys, value: string): string {
  return crypto
    .createHmac('sm3', keys.index)
    .update(value)
    .digest()
    .subarray(0, BLIND_INDEX_BYTES)
    .toString('hex');
}

const BLOCK = 16;

/**
 * The same blind index and ciphertexts as blindIndex / encryptField, for many fields at once (an
 * import's million 身份证号): HMAC-SM3 with each key's pads compressed once (sm3.ts), and SM4-CBC
 * done as CBC over one reusable SM4-ECB cipher of node:crypto, each block position of a whole
 * batch of fields encrypted in one call. createCipheriv and createHmac per field cost several
 * times the cipher and hash work themselves. The stored format, keys and IVs (fresh, from the same
 * pool) are those of encryptField: decryptField reads both, and field-crypto.test.ts checks the
 * bytes against node:crypto's SM4-CBC and HMAC-SM3.
 */
export class FieldSealer {
  private readonly index: HmacSm3;
  private readonly mac: HmacSm3;
  private readonly ecb: crypto.Cipher;
  private readonly digest = Buffer.alloc(32);
  private readonly indexBytes = this.digest.subarray(0, BLIND_INDEX_BYTES);

  constructor(keys: Keys) {
    this.index = new HmacSm3(keys.index);
    this.mac = new HmacSm3(keys.mac);
    this.ecb = crypto.createCipheriv('sm4-ecb', keys.encryption, null);
    this.ecb.setAutoPadding(false);
  }

  /** blindIndex(keys, value). */
  blindIndex(value: string): string {
    return this.blindIndexBytes(value).toString('hex');
  }

  /** The bytes of blindIndex(keys, value), in a buffer this sealer reuses on its next call. */
  blindIndexBytes(value: string): Buffer {
    this.index.digest(Buffer.from(value, 'utf8'), this.digest, 0);
    return this.indexBytes;
  }

  /** encryptField(keys, plain) for each of `plains`, in order. */
  encryptAll(plains: readonly string[]): string[] {
    const n = plains.length;
    if (n === 0) return [];
    // Each field padded (PKCS#7, as createCipheriv does) at its place in one buffer.
    const bytes = plains.map((p) => Buffer.from(p, 'utf8'));
    const starts = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const length = bytes[i]?.length ?? 0;
      starts[i + 1] = (starts[i] ?? 0) + (Math.floor(length / BLOCK) + 1) * BLOCK;
    }
    const total = starts[n] ?? 0;
    const body = Buffer.alloc(total);
    for (let i = 0; i < n; i++) {
      const start = starts[i] ?? 0;
      const end = starts[i + 1] ?? 0;
      const b = bytes[i] ?? Buffer.alloc(0);
      b.copy(body, start);
      body.fill(end - start - b.length, start + b.length, end);
    }
    const ivs = plains.map(() => freshIv());
    // CBC: block k of every field that has one, XORed with the block before it (the IV for the
    // first), encrypted together; then block k + 1.
    const input = Buffer.alloc(total);
    for (let k = 0; ; k++) {
      let used = 0;
      const at: number[] = [];
      for (let i = 0; i < n; i++) {
        const offset = (starts[i] ?? 0) + k * BLOCK;
        if (offset >= (starts[i + 1] ?? 0)) continue;
        const previous = k === 0 ? (ivs[i] ?? Buffer.alloc(BLOCK)) : body.subarray(offset - BLOCK, offset);
        for (let j = 0; j < BLOCK; j++) input[used + j] = (body[offset + j] ?? 0) ^ (previous[j] ?? 0);
        at.push(offset);
        used += BLOCK;
      }
      if (used === 0) break;
      const out = this.ecb.update(input.subarray(0, used));
      if (out.length !== used) throw new Error('SM4 分组加密输出长度异常');
      at.forEach((offset, m) => out.copy(body, offset, m * BLOCK, (m + 1) * BLOCK));
    }
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, (starts[i + 1] ?? 0) - (starts[i] ?? 0));
    const tagInput = Buffer.alloc(BLOCK + longest);
    const sealed: string[] = [];
    for (let i = 0; i < n; i++) {
      const iv = ivs[i] ?? Buffer.alloc(BLOCK);
      const cipher = body.subarray(starts[i] ?? 0, starts[i + 1] ?? 0);
      iv.copy(tagInput, 0);
      cipher.copy(tagInput, BLOCK);
      this.mac.digest(tagInput.subarray(0, BLOCK + cipher.length), this.digest, 0);
      sealed.push(
        `${VERSION}:${iv.toString('base64')}:${cipher.toString('base64')}:${this.digest.toString('base64')}`,
      );
    }
    return sealed;
  }
}
