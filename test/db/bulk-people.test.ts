// The bulk writer of people and placements (db/repositories/bulk.ts): every row arrives with
// its values exactly as given (quotes, NUL-free odd text, nulls, Chinese), across the chunk
// sizes of SQLite and in PostgreSQL's one unnest statement, and the returned ids are the rows'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsertColumns } from '../../src/db/repositories/bulk.ts';
import { createImportBatch } from '../../src/db/repositories/import-slices.ts';
import * as people from '../../src/db/repositories/people.ts';
import { insertUnit } from '../../src/db/repositories/units.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const ODD = [
  "O'Brien",
  '"quoted"',
  'NULL',
  'null',
  '{a,b}',
  'a,b',
  'back\\slash',
  '',
  '王 小明',
  ' 前后空格 ',
  'tab\there\nline',
  '\\"both"\\',
  'x'.repeat(300),
];

describe.each(DIALECTS)('bulk insert of people and placements (%s)', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    await ensureRegion(t.ctx, { code: '640121', actor: { id: null, name: 'test' } });
  });
  afterAll(async () => {
    await t.destroy();
  });

  it.each([1, 9, 10, 111, 1234])('writes %i people and their placements exactly', async (n) => {
    const db = t.ctx.db.kysely;
    const unitId = await insertUnit(db, { regionCode: '640121', code: `B${n}`, at: '2026-01-01T00:00:00Z' });
    const rows = Array.from({ length: n }, (_, i) => ({
      idHash: `h${n}-${i}`,
      idCipher: `c${i}`,
      idMasked: `m${i}`,
      name: ODD[i % ODD.length] ?? '',
      gender: i % 2 ? '男' : '女',
      birthDate: '1990-01-01',
      at: '2026-01-01T00:00:00Z',
    }));
    const ids = await db.transaction().execute((trx) => people.insertPeople(trx, rows));
    expect(ids.size).toBe(n);
    await db.transaction().execute((trx) =>
      people.insertPlacements(
        trx,
        rows.map((r, i) => ({
          personId: ids.get(r.idHash) ?? 0,
          unitId,
          quotaType: '行政编制',
          status: '在编',
          channel: i % 3 === 0 ? null : '考试录用',
          leadershipLevel: '无',
          enteredOn: i % 5 === 0 ? null : '2020-01-01',
          leftOn: null,
          at: r.at,
          by: i % 2 ? null : 7,
        })),
      ),
    );
    const found = await people.peopleByHash(
      db,
      rows.map((r) => r.idHash),
    );
    expect(found.size).toBe(n);
    rows.forEach((r, i) => {
      const p = found.get(r.idHash);
      expect(p?.id).toBe(ids.get(r.idHash));
      expect(p?.name).toBe(r.name);
      expect(p?.idMasked).toBe(r.idMasked);
      expect(p?.placement?.unitId).toBe(unitId);
      expect(p?.placement?.channel).toBe(i % 3 === 0 ? null : '考试录用');
      expect(p?.placement?.enteredOn).toBe(i % 5 === 0 ? null : '2020-01-01');
    });
    const byUser = await db
      .selectFrom('placements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', '=', unitId)
      .where('recorded_by', '=', 7)
      .executeTakeFirstOrThrow();
    expect(Number(byUser.n)).toBe(Math.ceil(n / 2));
  });

  it('writes nothing when a row breaks a constraint (the whole statement fails)', async () => {
    const db = t.ctx.db.kysely;
    const row = (h: string) => ({
      idHash: h,
      idCipher: 'c',
      idMasked: 'm',
      name: 'n',
      gender: '男',
      birthDate: '1990-01-01',
      at: '2026-01-01T00:00:00Z',
    });
    await expect(
      db.transaction().execute((trx) => people.insertPeople(trx, [row('dup-a'), row('dup-b'), row('dup-a')])),
    ).rejects.toThrow();
    expect((await people.peopleByHash(db, ['dup-a', 'dup-b'])).size).toBe(0);
  });

  it.each([1, 111, 1234])(
    'writes %i people of a slice given column by column, each with its own id',
    async (n) => {
      const db = t.ctx.db.kysely;
      const importId = await createImportBatch(db, {
        owner: 'test',
        regionCodes: [],
        at: '2026-01-01T00:00:00Z',
      });
      const hashes = Array.from({ length: n }, (_, i) => `col${n}-${i}`);
      const ids = await db.transaction().execute((trx) =>
        people.insertSlicedPeople(trx, importId, '2026-02-02T00:00:00Z', {
          idHash: hashes,
          idCipher: hashes.map((_, i) => `c${i}`),
          idMasked: hashes.map((_, i) => `m${i}`),
          name: hashes.map((_, i) => ODD[i % ODD.length] ?? ''),
          gender: hashes.map((_, i) => (i % 2 ? '男' : '女')),
          birthDate: hashes.map(() => '1991-02-03'),
        }),
      );
      expect(ids.size).toBe(n);
      const rows = await db
        .selectFrom('people')
        .select(['id', 'id_hash', 'id_cipher', 'name', 'gender', 'birth_date', 'created_at', 'import_id'])
        .where('import_id', '=', importId)
        .orderBy('id')
        .execute();
      expect(rows).toEqual(
        hashes.map((h, i) => ({
          id: ids.get(h),
          id_hash: h,
          id_cipher: `c${i}`,
          name: ODD[i % ODD.length] ?? '',
          gender: i % 2 ? '男' : '女',
          birth_date: '1991-02-03',
          created_at: '2026-02-02T00:00:00Z',
          import_id: importId,
        })),
      );
    },
  );

  it('refuses columns of different lengths', async () => {
    await expect(
      bulkInsertColumns(
        t.ctx.db.kysely,
        {
          table: 'people',
          columns: [
            ['id_hash', 'text'],
            ['name', 'text'],
          ],
        },
        [['a', 'b'], ['x']],
      ),
    ).rejects.toThrow('列数或行数不一致');
  });

  it('refuses a row-by-row slice whose rows do not share one time of recording', async () => {
    const db = t.ctx.db.kysely;
    const importId = await createImportBatch(db, {
      owner: 'test',
      regionCodes: [],
      at: '2026-01-01T00:00:00Z',
    });
    const person = (h: string, at: string) => ({
      idHash: h,
      idCipher: 'c',
      idMasked: 'm',
      name: 'n',
      gender: '男',
      birthDate: '1990-01-01',
      at,
    });
    await expect(
      people.insertPeople(
        db,
        [person('at-a', '2026-01-01T00:00:00Z'), person('at-b', '2026-01-02T00:00:00Z')],
        importId,
      ),
    ).rejects.toThrow('各行的登记时间不同');
  });
});
