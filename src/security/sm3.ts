// SM3 (GB/T 32905-2016) and HMAC-SM3 in JavaScript, for the one place where node:crypto's
// per-call cost dominates: an import hashes two short messages for each of a million 身份证号
// (the searchable keyed hash and the ciphertext's tag), and creating a native Hmac object costs
// several times what hashing the one or two blocks does. The HMAC's key pads are compressed
// once per key (RFC 2104), so each message costs two compressions. The digests are those of
// node:crypto's 'sm3' (field-crypto.test.ts / sm3.test.ts compare them on many messages);
// everything else keeps using node:crypto.

const IV = new Int32Array([
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
]);

/** T_j <<< (j mod 32), for j = 0 … 63. */
const T = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const n = j % 32;
  T[j] = n === 0 ? t : (t << n) | (t >>> (32 - n));
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

// Scratch, shared: hashing is synchronous and an isolate runs one thing at a time.
/** Message expansion (W0…W67). */
const W = new Int32Array(68);
/** The state being hashed. */
const V = new Int32Array(8);
/** The padded last block or two. */
const TAIL = new Uint8Array(128);

/** Compresses the 64-byte block at `block[offset]` into the state `v` (8 words). */
function compress(v: Int32Array, block: Uint8Array, offset: number): void {
  const w = W;
  for (let i = 0; i < 16; i++) {
    const o = offset + 4 * i;
    w[i] =
      ((block[o] ?? 0) << 24) |
      ((block[o + 1] ?? 0) << 16) |
      ((block[o + 2] ?? 0) << 8) |
      (block[o + 3] ?? 0);
  }
  for (let j = 16; j < 68; j++) {
    const x = (w[j - 16] ?? 0) ^ (w[j - 9] ?? 0) ^ rotl(w[j - 3] ?? 0, 15);
    w[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(w[j - 13] ?? 0, 7) ^ (w[j - 6] ?? 0);
  }
  let a = v[0] ?? 0;
  let b = v[1] ?? 0;
  let c = v[2] ?? 0;
  let d = v[3] ?? 0;
  let e = v[4] ?? 0;
  let f = v[5] ?? 0;
  let g = v[6] ?? 0;
  let h = v[7] ?? 0;
  // Rounds 0–15 and 16–63 differ only in their boolean functions: two loops, no branch.
  for (let j = 0; j < 16; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + (T[j] ?? 0)) | 0, 7);
    const wj = w[j] ?? 0;
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (wj ^ (w[j + 4] ?? 0))) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + wj) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  for (let j = 16; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + (T[j] ?? 0)) | 0, 7);
    const wj = w[j] ?? 0;
    const tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (wj ^ (w[j + 4] ?? 0))) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + wj) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
  }
  v[0] = (v[0] ?? 0) ^ a;
  v[1] = (v[1] ?? 0) ^ b;
  v[2] = (v[2] ?? 0) ^ c;
  v[3] = (v[3] ?? 0) ^ d;
  v[4] = (v[4] ?? 0) ^ e;
  v[5] = (v[5] ?? 0) ^ f;
  v[6] = (v[6] ?? 0) ^ g;
  v[7] = (v[7] ?? 0) ^ h;
}

/**
 * Hashes `message` onto a state that has already absorbed `before` bytes (whole blocks), and
 * writes the 32-byte digest to `out[outOffset]`.
 */
function finish(
  start: Int32Array,
  before: number,
  message: Uint8Array,
  out: Uint8Array,
  outOffset: number,
): void {
  const v = V;
  v.set(start);
  const whole = message.length - (message.length % 64);
  for (let o = 0; o < whole; o += 64) compress(v, message, o);
  const rest = message.length - whole;
  // The last bytes, 0x80, zeros, and the message's length in bits (64-bit big-endian).
  const n = rest < 56 ? 64 : 128;
  const tail = TAIL;
  tail.fill(0);
  tail.set(message.subarray(whole));
  tail[rest] = 0x80;
  const bits = (before + message.length) * 8;
  const high = Math.floor(bits / 0x100000000);
  tail[n - 8] = high >>> 24;
  tail[n - 7] = high >>> 16;
  tail[n - 6] = high >>> 8;
  tail[n - 5] = high;
  tail[n - 4] = bits >>> 24;
  tail[n - 3] = bits >>> 16;
  tail[n - 2] = bits >>> 8;
  tail[n - 1] = bits;
  for (let o = 0; o < n; o += 64) compress(v, tail, o);
  for (let i = 0; i < 8; i++) {
    const x = v[i] ?? 0;
    const o = outOffset + 4 * i;
    out[o] = x >>> 24;
    out[o + 1] = x >>> 16;
    out[o + 2] = x >>> 8;
    out[o + 3] = x;
  }
}

/** SM3 of `message`: 32 bytes. */
export function sm3(message: Uint8Array): Buffer {
  const out = Buffer.alloc(32);
  finish(IV, 0, message, out, 0);
  return out;
}

/** HMAC-SM3 with one key, its pads compressed once. */
export class HmacSm3 {
  private readonly inner = new Int32Array(IV);
  private readonly outer = new Int32Array(IV);
  private readonly innerDigest = Buffer.alloc(32);

  constructor(key: Uint8Array) {
    const k = key.length > 64 ? sm3(key) : key;
    const ipad = new Uint8Array(64).fill(0x36);
    const opad = new Uint8Array(64).fill(0x5c);
    for (let i = 0; i < k.length; i++) {
      ipad[i] = (ipad[i] ?? 0) ^ (k[i] ?? 0);
      opad[i] = (opad[i] ?? 0) ^ (k[i] ?? 0);
    }
    compress(this.inner, ipad, 0);
    compress(this.outer, opad, 0);
  }

  /** HMAC of `message`: 32 bytes written to `out[outOffset]` (a new Buffer when not given). */
  digest(message: Uint8Array, out: Uint8Array = Buffer.alloc(32), outOffset = 0): Uint8Array {
    finish(this.inner, 64, message, this.innerDigest, 0);
    finish(this.outer, 64, this.innerDigest, out, outOffset);
    return out;
  }
}
