// Walks the whole audit log, recomputes every link of the chain and compares it with the signed
// checkpoints kept outside the database.
import { iterateAuditEvents } from '../db/repositories/audit.ts';
import type { Executor } from '../db/repositories/executor.ts';
import type { AuditKeyring } from '../security/audit-keys.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';

export type VerifyResult =
  { ok: true; count: number } | { ok: false; count: number; badEventId: number; reason: string };

/**
 * Checks that no audit event was changed, deleted or reordered since it was written, and — given
 * the checkpoints' head hashes by position — that the chain still passes through every checkpoint
 * and is not shorter than the latest one.
 */
export async function verifyAuditChain(
  db: Executor,
  keyring: AuditKeyring,
  checkpoints: ReadonlyMap<number, string> = new Map(),
): Promise<VerifyResult> {
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
    const hash = chainHash(keyring.keyFor(row.id), prev, {
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
    const checkpointHead = checkpoints.get(row.id);
    if (checkpointHead !== undefined && checkpointHead !== row.hash) {
      return {
        ok: false,
        count,
        badEventId: row.id,
        reason: '与审计检查点不符（此处以后的事件被删除后重写，或审计链被重建）',
      };
    }
    prev = row.hash;
    expectedId += 1;
    count += 1;
  }
  let latest = 0;
  for (const position of checkpoints.keys()) if (position > latest) latest = position;
  if (latest > count) {
    return {
      ok: false,
      count,
      badEventId: count + 1,
      reason: `审计日志末尾缺失：检查点记录了 ${latest} 条事件，数据库中只有 ${count} 条（事件被删除或日志被清空）`,
    };
  }
  return { ok: true, count };
}
