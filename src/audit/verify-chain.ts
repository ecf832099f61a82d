// Walks the whole audit log and recomputes every link of the chain.
import { iterateAuditEvents } from '../db/repositories/audit.ts';
import type { Executor } from '../db/repositories/executor.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';

export type VerifyResult =
  { ok: true; count: number } | { ok: false; count: number; badEventId: number; reason: string };

/** Checks that no audit event was changed, deleted or reordered since it was written. */
export async function verifyAuditChain(db: Executor, key: Buffer): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  for await (const row of iterateAuditEvents(db)) {
    if (row.id !== expectedId) {
      return { ok: false, count, badEventId: row.id, reason: `事件 ${expectedId} 缺失（可能被删除）` };
    }
    if (row.prev_hash !== prev) {
      return { ok: false, count, badEventId: row.id, reason: '前序哈希不一致（事件被删除或重排）' };
    }
    const hash = chainHash(key, prev, {
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      regionCode: row.region_code,
      summary: row.summary,
      payload: row.payload,
    });
    if (hash !== row.hash) {
      return { ok: false, count, badEventId: row.id, reason: '内容与哈希不符（事件被篡改）' };
    }
    prev = row.hash;
    expectedId += 1;
    count += 1;
  }
  return { ok: true, count };
}
