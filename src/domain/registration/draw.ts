// The reproducible draw of 双随机一公开 (中央编办发〔2015〕131号). Anyone holding the published
// list and seed can redo it by hand or in any language:
//   1. The 名录库 is the list of registered institutions' USCCs, minus those already checked
//      that year, sorted ascending (byte order of the ASCII code).
//   2. The random stream is SHA-256 in counter mode: block i = SHA-256(UTF-8 of `${seed}:${i}`),
//      i = 0, 1, 2 …; the stream is the blocks' bytes in order, read as big-endian unsigned
//      32-bit integers.
//   3. A uniform integer in [0, m) takes the next integer x, rejecting x ≥ m·⌊2³²/m⌋.
//   4. Fisher–Yates from the end: for i = n−1 down to 1, j = uniform(i+1), swap items i and j.
//   5. The first k items of the shuffled list are drawn, k = the count asked for, or
//      ⌈n · ratio⌉ (at least 1 when n > 0), never more than n.
// Inspectors are drawn the same way from their pool (sorted by name) with seed `${seed}:检查人员`.
import { createHash } from 'node:crypto';

export const DRAW_ALGORITHM = 'SHA-256-CTR/Fisher-Yates v1';

export class SeededStream {
  private block = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;
  constructor(private readonly seed: string) {}

  private nextUint32(): number {
    if (this.offset + 4 > this.block.length) {
      this.block = createHash('sha256').update(`${this.seed}:${this.counter}`, 'utf8').digest();
      this.counter += 1;
      this.offset = 0;
    }
    const x = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return x;
  }

  /** A uniform integer in [0, m). */
  uniform(m: number): number {
    if (!Number.isInteger(m) || m < 1) throw new Error('范围应为正整数');
    const limit = m * Math.floor(2 ** 32 / m);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % m;
    }
  }
}

/** A copy of the list shuffled by Fisher–Yates with the seeded stream. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const stream = new SeededStream(seed);
  for (let i = out.length - 1; i >= 1; i -= 1) {
    const j = stream.uniform(i + 1);
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

export type DrawSize = { count: number } | { ratio: number };

export function drawSize(n: number, size: DrawSize): number {
  if ('count' in size) return Math.min(n, Math.max(0, Math.floor(size.count)));
  if (n === 0) return 0;
  return Math.min(n, Math.max(1, Math.ceil(n * size.ratio - 1e-9)));
}

/** Draws from the list (USCCs): excluded ones left out, the rest sorted, shuffled, the first k taken. */
export function drawSample(
  population: readonly string[],
  excluded: ReadonlySet<string>,
  size: DrawSize,
  seed: string,
): { eligible: string[]; drawn: string[] } {
  const eligible = [...new Set(population.filter((u) => !excluded.has(u)))].sort();
  const k = drawSize(eligible.length, size);
  return { eligible, drawn: seededShuffle(eligible, seed).slice(0, k) };
}

export function drawInspectors(pool: readonly string[], count: number, seed: string): string[] {
  const sorted = [...new Set(pool)].sort();
  return seededShuffle(sorted, `${seed}:检查人员`).slice(0, Math.min(count, sorted.length));
}
