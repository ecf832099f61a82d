// Which 身份证号 hashes of a 人员 batch the import looks up (import-people.ts KnownHashes): every
// one for the first batches; then only those of people recorded when the hashes were loaded —
// read a page at a time, people of an import not yet published included — so that a province
// imported into an empty database asks the database nothing. Both databases.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportBatch } from '../../src/db/repositories/import-slices.ts';
import * as people from '../../src/db/repositories/people.ts';
import { KnownHashes } from '../../src/domain/exchange/import-people.ts';
import { BLIND_INDEX_BYTES } from '../../src/security/field-crypto.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const AT = '2026-01-01T00:00:00Z';
const hash = (): string => crypto.randomBytes(BLIND_INDEX_BYTES).toString('hex');

describe.each(DIALECTS)('the hashes an import looks up (%s)', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  async function record(hashes: string[], importId?: number): Promise<void> {
    await t.ctx.db.kysely.transaction().execute((trx) =>
      people.insertPeople(
        trx,
        hashes.map((h, i) => ({
          idHash: h,
          idCipher: `c${i}`,
          idMasked: `m${i}`,
          name: `人${i}`,
          gender: '男',
          birthDate: '1990-01-01',
          at: AT,
        })),
        importId,
      ),
    );
  }

  it('looks every hash up at first, then only the recorded ones, loaded a page at a time', async () => {
    const db = t.ctx.db.kysely;
    const visible = Array.from({ length: 7 }, hash);
    await record(visible);
    // People of an import still being written are recorded too: their hashes are taken.
    const importId = await createImportBatch(db, { owner: 'test', regionCodes: [], at: AT });
    const staged = Array.from({ length: 2 }, hash);
    await record(staged, importId);
    const fresh = Array.from({ length: 5 }, hash);

    // Pages of 3: 9 recorded people take four reads, the last one empty-handed or short.
    const known = new KnownHashes(2, 3);
    const batch = [...fresh, ...visible.slice(0, 3), ...staged.slice(0, 1)];
    expect(await known.candidates(db, batch)).toEqual(batch);
    expect(await known.candidates(db, batch)).toEqual(batch);
    expect(known.loaded).toBeNull();
    const third = [...visible, ...staged, ...fresh];
    expect(await known.candidates(db, third)).toEqual([...visible, ...staged]);
    expect(known.loaded).toBe(9);
    expect(await known.candidates(db, fresh)).toEqual([]);
    // Loaded once: a person recorded afterwards is not among them (the slice's insert meets the
    // unique hash instead: import-slices.test.ts (f)).
    const late = hash();
    await record([late]);
    expect(await known.candidates(db, [late, visible[0] ?? ''])).toEqual([visible[0]]);
    expect(known.loaded).toBe(9);
  });

  it('loads nothing from an empty table and asks nothing after', async () => {
    const empty = await openTestDb(dialect);
    try {
      const known = new KnownHashes(0);
      const batch = Array.from({ length: 4 }, hash);
      expect(await known.candidates(empty.ctx.db.kysely, batch)).toEqual([]);
      expect(known.loaded).toBe(0);
    } finally {
      await empty.destroy();
    }
  });
});
