// `bianzhi keys rotate-master`: everything sealed or hashed under the master key is re-sealed
// under a new one in one transaction; afterwards the old key opens nothing, the new key opens
// everything, a person is still found by 身份证号, and the audit chain verifies.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/common/codes/id-card.ts';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { rotateMasterKey } from '../../src/domain/keys/rotate-master-key.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { unsealIdNumber } from '../../src/domain/matters/sealed-id.ts';
import { blindIndex, decryptField } from '../../src/security/field-crypto.ts';
import { keysFromHex } from '../../src/security/keys.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const REGION = '640121';
const actor = { id: null, name: '测试' };
const newcomer = (() => {
  const first17 = '64012119950505002';
  return first17 + idNumberCheckChar(first17);
})();

describe.each(DIALECTS)('master key rotation on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('re-seals people, sealed 身份证号 in matters and the key file, in one step', async () => {
    const db = t.ctx.db.kysely;
    const ids = await unitIdsByCode(db, [REGION]);
    const { id: clerkId } = await createUser(t.ctx, {
      actor,
      username: 'clerk',
      displayName: 'clerk',
      role: 'clerk',
      regionCode: REGION,
      unitId: null,
      password: 'Rotate-Pass-2026',
    });
    const clerk: Principal = {
      userId: clerkId,
      username: 'clerk',
      displayName: 'clerk',
      role: 'clerk',
      regionCode: REGION,
      unitId: null,
      mustChangePassword: false,
    };
    const matterId = await proposeMatter(t.ctx, {
      principal: clerk,
      regionCode: REGION,
      title: '上编',
      reasons: '工作需要',
      changes: [
        {
          kind: 'enter',
          personId: null,
          idNumber: newcomer,
          name: '孙新',
          unitId: ids.get(`${REGION}/A04`) ?? -1,
          quotaType: '行政编制',
          channel: '考录',
          leadershipLevel: '无',
          planMatterId: null,
        },
      ],
    });
    const before = await db
      .selectFrom('people')
      .select(['id', 'id_hash', 'id_cipher'])
      .orderBy('id')
      .execute();
    const plain = before.map((p) => decryptField(t.ctx.keys, p.id_cipher));
    const oldKeys = t.ctx.keys;

    const dir = tempDir();
    const keyFile = path.join(dir, 'bianzhi.key');
    fs.writeFileSync(keyFile, `${oldKeys.masterHex}\n`, { mode: 0o600 });
    const r = await rotateMasterKey(t.ctx, { actor, keyFile });
    expect(r).toMatchObject({ people: before.length, matters: 1, totpSecrets: 0 });

    const newHex = fs.readFileSync(keyFile, 'utf8').trim();
    expect(newHex).not.toBe(oldKeys.masterHex);
    expect(fs.readFileSync(r.retiredKeyFile, 'utf8').trim()).toBe(oldKeys.masterHex);
    expect(fs.existsSync(`${keyFile}.new`)).toBe(false);
    const newKeys = keysFromHex(newHex);

    const after = await db
      .selectFrom('people')
      .select(['id', 'id_hash', 'id_cipher'])
      .orderBy('id')
      .execute();
    expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
    after.forEach((p, i) => {
      const id = plain[i] ?? '';
      expect(decryptField(newKeys, p.id_cipher)).toBe(id);
      expect(p.id_hash).toBe(blindIndex(newKeys, id));
      expect(p.id_hash).not.toBe(before[i]?.id_hash);
      expect(() => decryptField(oldKeys, p.id_cipher)).toThrow();
    });

    const matter = await db
      .selectFrom('matters')
      .select('changes')
      .where('id', '=', matterId)
      .executeTakeFirstOrThrow();
    const sealed = /"(sealed:[^"]+)"/.exec(matter.changes)?.[1] ?? '';
    expect(sealed).not.toBe('');
    expect(unsealIdNumber({ ...t.ctx, keys: newKeys }, sealed)).toBe(newcomer);
    expect(() => unsealIdNumber(t.ctx, sealed)).toThrow();

    const events = await db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'keys.rotate_master')
      .execute();
    expect(events).toHaveLength(1);
    expect(await verifyAuditChain(db, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });
});
