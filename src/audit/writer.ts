// Appends audit events to the hash chain inside the caller's transaction, so that an event
// exists exactly when its change does; then asks for a checkpoint of the head once it commits.
import type { Dialect } from '../db/connect.ts';
import { chainHead, insertAuditRows, lockChain, type AuditInsert } from '../db/repositories/audit.ts';
import type { Executor } from '../db/repositories/executor.ts';
import type { AuditKeyring } from '../security/audit-keys.ts';
import { chainHash, GENESIS_HASH } from './chain.ts';
import type { Actor, AuditAction, AuditEventInput } from './events.ts';

export class AuditWriter {
  constructor(
    private readonly keyring: AuditKeyring,
    private readonly dialect: Dialect,
    /** Called after events were appended (the checkpoint log waits for the commit). */
    private readonly onAppend: () => void = () => undefined,
  ) {}

  async record<A extends AuditAction>(trx: Executor, actor: Actor, event: AuditEventInput<A>): Promise<void> {
    await this.recordMany(trx, actor, [event]);
  }

  async recordMany(trx: Executor, actor: Actor, events: AuditEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await lockChain(trx, this.dialect);
    const head = await chainHead(trx);
    let id = head?.id ?? 0;
    let prev = head?.hash ?? GENESIS_HASH;
    const at = new Date().toISOString();
    const rows: AuditInsert[] = events.map((e) => {
      id += 1;
      const fields = {
        id,
        at,
        actorId: actor.id,
        actorName: actor.name,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId === null ? null : String(e.entityId),
        regionCode: e.regionCode,
        summary: e.summary,
        payload: JSON.stringify(e.payload),
      };
      const hash = chainHash(this.keyring.keyFor(id), prev, fields);
      const row: AuditInsert = {
        id,
        at,
        actor_id: fields.actorId,
        actor_name: fields.actorName,
        action: fields.action,
        entity_type: fields.entityType,
        entity_id: fields.entityId,
        region_code: fields.regionCode,
        summary: fields.summary,
        payload: fields.payload,
        prev_hash: prev,
        hash,
      };
      prev = hash;
      return row;
    });
    await insertAuditRows(trx, rows);
    this.onAppend();
  }
}
