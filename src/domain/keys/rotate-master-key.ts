// Replaces the master key: every 身份证号 ciphertext and keyed hash, every sealed 身份证号 inside a
// matter's changes, every TOTP secret and the hashes of stored comparisons are re-sealed under a
// fresh key in ONE transaction, with its audit event; the new key file replaces the old only after
// the commit, and the old one is kept beside it (renamed) until the operator has a backup.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Actor } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import { lockChain } from '../../db/repositories/audit.ts';
import * as repo from '../../db/repositories/master-key.ts';
import { blindIndex, decryptField, encryptField } from '../../security/field-crypto.ts';
import { keysFromHex, type Keys } from '../../security/keys.ts';

const PAGE = 1000;
const SEALED = /sealed:(v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+)/g;

export interface MasterKeyRotation {
  people: number;
  matters: number;
  totpSecrets: number;
  reconciliationHashes: number;
  /** Where the replaced key was kept. */
  retiredKeyFile: string;
}

function reseal(from: Keys, to: Keys, sealed: string): string {
  return encryptField(to, decryptField(from, sealed));
}

/** Re-seals everything under a new master key and replaces the key file (the server stopped). */
export async function rotateMasterKey(
  ctx: AppContext,
  opts: { actor: Actor; keyFile: string; onProgress?: (done: number) => void },
): Promise<MasterKeyRotation> {
  const from = ctx.keys;
  const newHex = crypto.randomBytes(32).toString('hex');
  const to = keysFromHex(newHex);
  const pending = `${opts.keyFile}.new`;
  // The new key is on disk before anything is re-sealed with it, so no commit can outlive it.
  fs.writeFileSync(pending, `${newHex}\n`, { mode: 0o600 });
  try {
    const counts = await ctx.db.kysely.transaction().execute(async (trx) => {
      await lockChain(trx, ctx.db.dialect);
      const wanted = await repo.reconciliationHashes(trx);
      const rehash = new Map<string, string>();
      let people = 0;
      for (let afterId = 0; ;) {
        const page = await repo.peoplePage(trx, afterId, PAGE);
        if (page.length === 0) break;
        for (const p of page) {
          const idNumber = decryptField(from, p.idCipher);
          const idHash = blindIndex(to, idNumber);
          if (wanted.has(p.idHash)) rehash.set(p.idHash, idHash);
          await repo.resealPerson(trx, p.id, idHash, encryptField(to, idNumber));
        }
        people += page.length;
        afterId = page[page.length - 1]?.id ?? afterId;
        opts.onProgress?.(people);
      }
      // A compared list's rows that name no person of the ledger keep their old hash: there is
      // no 身份证号 to hash again, and they only record that past comparison.
      for (const [oldHash, newHash] of rehash) await repo.rehashReconciliationItems(trx, oldHash, newHash);
      const matters = await repo.mattersWithSealedIds(trx);
      for (const m of matters) {
        const changes = m.changes.replace(
          SEALED,
          (_, sealed: string) => `sealed:${reseal(from, to, sealed)}`,
        );
        await repo.setMatterChanges(trx, m.id, changes);
      }
      const users = await repo.usersWithTotpSecret(trx);
      for (const u of users) await repo.setTotpSecret(trx, u.id, reseal(from, to, u.secret));
      const result = {
        people,
        matters: matters.length,
        totpSecrets: users.length,
        reconciliationHashes: rehash.size,
      };
      await ctx.audit.record(trx, opts.actor, {
        action: 'keys.rotate_master',
        entityType: 'master_key',
        entityId: null,
        regionCode: null,
        summary: `更换主密钥：重新加密身份证号 ${people} 条、事项 ${matters.length} 件、动态口令 ${users.length} 个`,
        payload: { before: null, after: result },
      });
      return result;
    });
    const retiredKeyFile = `${opts.keyFile}.retired-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    if (fs.existsSync(opts.keyFile)) fs.renameSync(opts.keyFile, retiredKeyFile);
    fs.renameSync(pending, opts.keyFile);
    return { ...counts, retiredKeyFile };
  } catch (e) {
    fs.rmSync(pending, { force: true });
    throw e;
  }
}
