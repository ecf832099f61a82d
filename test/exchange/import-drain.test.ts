// After an import's publication its staged placements are removed (drainImport): all at once when
// no other import has staged rows (clearStagedPlacements: SQLite DELETE without WHERE, PostgreSQL
// TRUNCATE under the table's lock), else row by row, leaving the other import's rows alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearStagedPlacements,
  createImportBatch,
  insertStagedPlacements,
} from '../../src/db/repositories/import-slices.ts';
import * as people from '../../src/db/repositories/people.ts';
import { drainImport } from '../../src/domain/exchange/apply-slices.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { stagedPlacement } from '../support/fixtures.ts';

describe.each(DIALECTS)('removing a published import’s staged placements (%s)', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  const person = (tag: string, i: number) => ({
    idHash: `${tag}-${i}`,
    idCipher: `c${i}`,
    idMasked: `m${i}`,
    name: `王${i}`,
    gender: i % 2 ? '男' : '女',
    birthDate: '1990-01-01',
    at: '2026-01-01T00:00:00Z',
  });

  it('after publication removes the staged rows at once only when no other import has any', async () => {
    const db = t.ctx.db.kysely;
    const stage = async (tag: string, n: number) => {
      const importId = await createImportBatch(db, { owner: 'test', regionCodes: ['640121'], at: 'now' });
      await db.transaction().execute(async (trx) => {
        const rows = Array.from({ length: n }, (_, i) => person(tag, i));
        const created = await people.insertPeople(trx, rows, importId);
        await insertStagedPlacements(
          trx,
          importId,
          rows.map((r) => stagedPlacement(created.get(r.idHash) ?? 0, '640121', 'U1', r.at)),
        );
      });
      return importId;
    };
    const staged = async (importId: number) =>
      Number(
        (
          await db
            .selectFrom('import_placements')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('import_id', '=', importId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const a = await stage('clear-a', 30);
    const b = await stage('clear-b', 20);
    expect(await db.transaction().execute((trx) => clearStagedPlacements(trx, a))).toBe(false);
    expect([await staged(a), await staged(b)]).toEqual([30, 20]);
    // Another import's rows stay: the published one's go row by row.
    await drainImport(t.ctx, a, false);
    expect([await staged(a), await staged(b)]).toEqual([0, 20]);
    expect(await db.transaction().execute((trx) => clearStagedPlacements(trx, b))).toBe(true);
    expect(await staged(b)).toBe(0);
    const c = await stage('clear-c', 15);
    await drainImport(t.ctx, c, false);
    expect(await staged(c)).toBe(0);
  });
});
