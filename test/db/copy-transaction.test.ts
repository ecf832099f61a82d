// The slices' transaction (Db.copyTransaction): on PostgreSQL its bulk inserts go through
// COPY … FROM STDIN (db/pg-copy.ts), on SQLite through the ordinary multi-row INSERT. On both:
// every value arrives exactly as given — tabs, backslashes, newlines, carriage returns, quotes,
// the texts `\N` and `NULL`, real NULLs, Chinese — the returned ids are the rows' own, and a
// failure anywhere in the transaction leaves nothing of it, its earlier COPYs included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyClientOf, copyField, copyText } from '../../src/db/pg-copy.ts';
import { createImportBatch, insertStagedPlacements } from '../../src/db/repositories/import-slices.ts';
import * as people from '../../src/db/repositories/people.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const ODD = [
  'tab\there',
  'back\\slash',
  'line\nbreak',
  'carriage\rreturn',
  '\\N',
  'NULL',
  "O'Brien",
  '"quoted"',
  '{a,b}',
  '',
  '王 小明',
  '\\t literal',
  'end\\',
  'x'.repeat(300),
];

describe('COPY text format (pg-copy.ts)', () => {
  it('escapes backslash, tab, newline and carriage return, and writes NULL as \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('王"\'{},;|')).toBe('王"\'{},;|');
    expect(copyField(42)).toBe('42');
    expect(copyField('')).toBe('');
    expect(
      copyText([
        ['a', null, 1],
        ['\t', 'b', 2],
      ]),
    ).toBe('a\t\\N\t1\n\\t\tb\t2\n');
  });
});

describe.each(DIALECTS)('the slices’ transaction writes people and staged placements (%s)', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  const person = (tag: string, i: number) => ({
    idHash: `${tag}-${i}`,
    idCipher: `c${i}\t${ODD[(i + 3) % ODD.length] ?? ''}`,
    idMasked: `m${i}`,
    name: ODD[i % ODD.length] ?? '',
    gender: i % 2 ? '男' : '女',
    birthDate: '1990-01-01',
    at: '2026-01-01T00:00:00Z',
  });

  it.each([1, 37, 1234])('writes %i rows exactly, with their own ids', async (n) => {
    const db = t.ctx.db.kysely;
    const importId = await createImportBatch(db, { owner: 'test', regionCodes: ['640121'], at: 'now' });
    const rows = Array.from({ length: n }, (_, i) => person(`h${n}`, i));
    const ids = await t.ctx.db.copyTransaction(async (trx) => {
      // PostgreSQL: the COPY path is the one under test.
      expect(copyClientOf(trx) !== undefined).toBe(dialect === 'postgres');
      const created = await people.insertPeople(trx, rows, importId);
      await insertStagedPlacements(
        trx,
        importId,
        rows.map((r, i) => ({
          personId: created.get(r.idHash) ?? 0,
          regionCode: '640121',
          unitCode: ODD[(i + 1) % ODD.length] ?? '',
          quotaType: '行政编制',
          status: '在编',
          channel: i % 3 === 0 ? null : (ODD[(i + 2) % ODD.length] ?? ''),
          leadershipLevel: '无',
          enteredOn: i % 5 === 0 ? null : '2020-01-01',
          leftOn: null,
          at: r.at,
          by: i % 2 ? null : 7,
        })),
      );
      return created;
    });
    expect(ids.size).toBe(n);
    const written = await db
      .selectFrom('people')
      .select(['id', 'id_hash', 'id_cipher', 'name', 'import_id'])
      .where('import_id', '=', importId)
      .execute();
    expect(written).toHaveLength(n);
    const byHash = new Map(written.map((p) => [p.id_hash, p]));
    rows.forEach((r) => {
      const p = byHash.get(r.idHash);
      expect(p?.id).toBe(ids.get(r.idHash));
      expect(p?.name).toBe(r.name);
      expect(p?.id_cipher).toBe(r.idCipher);
    });
    const staged = await db
      .selectFrom('import_placements')
      .selectAll()
      .where('import_id', '=', importId)
      .orderBy('id')
      .execute();
    expect(staged).toHaveLength(n);
    const order = new Map(rows.map((r, i) => [ids.get(r.idHash), i]));
    for (const s of staged) {
      const i = order.get(s.person_id) ?? -1;
      expect(i).toBeGreaterThanOrEqual(0);
      expect(s.unit_code).toBe(ODD[(i + 1) % ODD.length]);
      expect(s.channel).toBe(i % 3 === 0 ? null : ODD[(i + 2) % ODD.length]);
      expect(s.entered_on).toBe(i % 5 === 0 ? null : '2020-01-01');
      expect(s.left_on).toBeNull();
      expect(s.recorded_by).toBe(i % 2 ? null : 7);
    }
  });

  it('leaves nothing when the transaction fails after its COPYs, and the next one works', async () => {
    const db = t.ctx.db.kysely;
    const importId = await createImportBatch(db, { owner: 'test', regionCodes: ['640121'], at: 'now' });
    const rows = Array.from({ length: 20 }, (_, i) => person('fail', i));
    await expect(
      t.ctx.db.copyTransaction(async (trx) => {
        await people.insertPeople(trx, rows.slice(0, 10), importId);
        // The same 身份证号 hash again: the unique index refuses the second COPY.
        await people.insertPeople(trx, rows.slice(9), importId);
      }),
    ).rejects.toThrow();
    const left = await db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('import_id', '=', importId)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    await expect(
      t.ctx.db.copyTransaction(async () => {
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const again = await t.ctx.db.copyTransaction((trx) => people.insertPeople(trx, rows, importId));
    expect(again.size).toBe(20);
  });
});
