import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, type ChainedFields } from './chain.ts';

const key = Buffer.alloc(32, 7);
const event = (id: number, summary: string): ChainedFields => ({
  id,
  at: '2026-01-01T00:00:00.000Z',
  actorId: 1,
  actorName: 'admin',
  action: 'quota.set',
  entityType: 'quota',
  entityId: String(id),
  regionCode: '640121',
  summary,
  payload: '{}',
});

describe('audit chain', () => {
  it('links each hash to the previous one', () => {
    const h1 = chainHash(key, GENESIS_HASH, event(1, 'a'));
    const h2 = chainHash(key, h1, event(2, 'b'));
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(key, h1, event(2, 'b'))).toBe(h2);
    expect(chainHash(key, GENESIS_HASH, event(2, 'b'))).not.toBe(h2);
  });

  it('changes when any field changes or the key differs', () => {
    const h = chainHash(key, GENESIS_HASH, event(1, 'a'));
    expect(chainHash(key, GENESIS_HASH, event(1, 'b'))).not.toBe(h);
    expect(chainHash(key, GENESIS_HASH, { ...event(1, 'a'), id: 2 })).not.toBe(h);
    expect(chainHash(Buffer.alloc(32, 8), GENESIS_HASH, event(1, 'a'))).not.toBe(h);
  });
});
