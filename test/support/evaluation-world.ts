// The set-up the evaluation tests share: a database of the dialect with the fixture county
// (test/fixtures/county) and its evaluation data (test/fixtures/evaluation) imported, a second
// county registered, and the accounts asked for, with the principals the use cases take.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Dialect } from '../../src/db/connect.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { openTestDb, type TestDb } from './databases.ts';
import { COUNTY_DIR } from './fixtures.ts';

const EVALUATION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/evaluation');

export interface EvaluationWorld {
  t: TestDb;
  /** Unit ids by `region/code`. */
  units: Map<string, number>;
  /** The principal of every account but those whose role reads only (leader). */
  principals: Record<string, Principal>;
}

/** Accounts as [username, role, region]; a liaison is placed in B01 of the fixture county. */
export async function openEvaluationWorld(
  dialect: Dialect,
  opts: {
    region: string;
    otherRegion: string;
    password: string;
    accounts: readonly (readonly [string, 'clerk' | 'admin' | 'leader' | 'liaison', string])[];
  },
): Promise<EvaluationWorld> {
  const t = await openTestDb(dialect);
  const actor = { id: null, name: '测试' };
  for (const dir of [COUNTY_DIR, EVALUATION_DIR]) {
    const r = await importWorkbook(t.ctx, { actor, paths: [dir], dryRun: false, allowedRegions: null });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
  }
  await ensureRegion(t.ctx, { code: opts.otherRegion, actor });
  const units = await unitIdsByCode(t.ctx.db.kysely, [opts.region]);
  const principals: Record<string, Principal> = {};
  for (const [username, role, regionCode] of opts.accounts) {
    const unitId = role === 'liaison' ? (units.get(`${opts.region}/B01`) ?? null) : null;
    const { id } = await createUser(t.ctx, {
      actor,
      username,
      displayName: username,
      role,
      regionCode,
      unitId,
      password: opts.password,
    });
    if (role !== 'leader')
      principals[username] = {
        userId: id,
        username,
        displayName: username,
        role,
        regionCode,
        unitId,
        mustChangePassword: false,
      };
  }
  return { t, units, principals };
}
