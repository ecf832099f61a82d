// Starts a new audit key: a rotation event closes the current key's span, and every later event
// and checkpoint is signed with a fresh random key. Old keys stay in the ring (they verify the
// events they signed) but can no longer sign anything that verifies after the boundary.
import type { AppContext } from '../context.ts';
import { chainHead, lockChain } from '../db/repositories/audit.ts';
import { writePrivateFile } from '../security/audit-keys.ts';
import type { Actor } from './events.ts';

/** Adds a new key to the audit key file, in force from the event after the rotation event. */
export async function rotateAuditKey(
  ctx: AppContext,
  opts: { actor: Actor; keyFile: string },
): Promise<{ fromEventId: number; keys: number }> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await lockChain(trx, ctx.db.dialect);
    const rotationEventId = ((await chainHead(trx))?.id ?? 0) + 1;
    const fromEventId = rotationEventId + 1;
    const keyring = ctx.auditKeys.withNewKey(fromEventId);
    await ctx.audit.record(trx, opts.actor, {
      action: 'audit.key_rotate',
      entityType: 'audit_key',
      entityId: null,
      regionCode: null,
      summary: `更换审计密钥：第 ${fromEventId} 号事件起使用新密钥`,
      payload: {
        before: {
          keys: ctx.auditKeys.epochs.length,
          fromEventId: ctx.auditKeys.epochs.at(-1)?.fromEventId ?? 1,
        },
        after: { keys: keyring.epochs.length, fromEventId },
      },
    });
    // Written before the commit: if the commit fails, the boundary only moves one event later.
    writePrivateFile(opts.keyFile, keyring.serialize());
    return { fromEventId, keys: keyring.epochs.length };
  });
}
