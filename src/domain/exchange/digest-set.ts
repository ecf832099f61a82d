// The 身份证号 an import has seen, by their keyed hash (BLIND_INDEX_BYTES of HMAC-SM3), each with
// the row that had it first: an open-addressing table in typed arrays. At a million people a Map
// keyed by the hashes' hex strings held ~130 MB of small objects in the worker's heap, traced by
// every full garbage collection; this holds 28 bytes a person (the hash, the row, a slot) outside it.
import { BLIND_INDEX_BYTES } from '../../security/field-crypto.ts';

const WIDTH = BLIND_INDEX_BYTES;

export class DigestSet {
  private count = 0;
  private digests = new Uint8Array(1024 * WIDTH);
  private rows = new Int32Array(1024);
  /** Entry index + 1 per slot (0: free); at most half full. */
  private slots = new Int32Array(2048);

  get size(): number {
    return this.count;
  }

  /** The row recorded with `digest`; undefined when it has not been added. */
  get(digest: Uint8Array): number | undefined {
    const at = this.find(digest);
    return at < 0 ? undefined : this.rows[at];
  }

  /** Records `digest` with `row`; a digest already recorded keeps its first row. */
  add(digest: Uint8Array, row: number): void {
    if (digest.length !== WIDTH) throw new Error(`摘要应为 ${WIDTH} 字节`);
    if (this.find(digest) >= 0) return;
    if (this.count === this.rows.length) this.growEntries();
    if ((this.count + 1) * 2 > this.slots.length) this.growSlots();
    const entry = this.count;
    this.digests.set(digest, entry * WIDTH);
    this.rows[entry] = row;
    this.count += 1;
    this.place(entry);
  }

  private start(digests: Uint8Array, offset: number): number {
    // An HMAC's bytes are uniform: its first four are as good a hash as any.
    const h =
      ((digests[offset] ?? 0) << 24) |
      ((digests[offset + 1] ?? 0) << 16) |
      ((digests[offset + 2] ?? 0) << 8) |
      (digests[offset + 3] ?? 0);
    return h & (this.slots.length - 1);
  }

  /** The entry holding `digest`, or -1. */
  private find(digest: Uint8Array): number {
    const mask = this.slots.length - 1;
    for (let s = this.start(digest, 0); ; s = (s + 1) & mask) {
      const entry = (this.slots[s] ?? 0) - 1;
      if (entry < 0) return -1;
      if (this.equals(entry, digest)) return entry;
    }
  }

  private equals(entry: number, digest: Uint8Array): boolean {
    const base = entry * WIDTH;
    for (let i = 0; i < WIDTH; i++) if (this.digests[base + i] !== digest[i]) return false;
    return true;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let s = this.start(this.digests, entry * WIDTH);
    while ((this.slots[s] ?? 0) !== 0) s = (s + 1) & mask;
    this.slots[s] = entry + 1;
  }

  private growEntries(): void {
    const digests = new Uint8Array(this.digests.length * 2);
    digests.set(this.digests);
    this.digests = digests;
    const rows = new Int32Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let entry = 0; entry < this.count; entry++) this.place(entry);
  }
}
