// Migration 0032 on a database that already holds people: their keyed hashes (and those of the
// stored comparisons) become the 128-bit prefix that blindIndex computes now, so every person is
// still found by 身份证号; the unused name index is gone. Both databases, from an empty one
// migrated to 0031 by the migrator itself.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/connect.ts';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.ts';
import { peopleByHash } from '../../src/db/repositories/people.ts';
import { blindIndex } from '../../src/security/field-crypto.ts';
import { keysFromHex } from '../../src/security/keys.ts';
import { DIALECTS, TEST_KEY_HEX, throwawayPgDatabase } from '../support/databases.ts';

const keys = keysFromHex(TEST_KEY_HEX);
const ID = '640121198809090067';
const fullHash = (id: string): string => crypto.createHmac('sm3', keys.index).update(id).digest('hex');

async function indexNames(db: Db): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const r = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'index' and tbl_name = 'people'`.execute(db.kysely);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{
    name: string;
  }>`select indexname as name from pg_indexes where tablename = 'people'`.execute(db.kysely);
  return r.rows.map((x) => x.name);
}

describe.each(DIALECTS)('migration 0032 on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function open(): Promise<Db> {
    if (dialect === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-0032-'));
      const db = connect(`file:${path.join(dir, 'test.db')}`);
      cleanup.push(async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });
      return db;
    }
    const target = await throwawayPgDatabase('bianzhi_0032');
    cleanup.push(() => target.drop());
    const db = connect(target.url);
    cleanup.push(() => db.close());
    return db;
  }

  it('keeps every stored hash to the prefix blindIndex computes and drops the name index', async () => {
    const db = await open();
    await migrateTo(db, '0031_import_placements_unlogged');
    expect(await indexNames(db)).toContain('people_name');
    const k = db.kysely;
    await sql`insert into regions (code, name, level, parent_code) values ('640121', '永宁县', 'county', null)`.execute(
      k,
    );
    await sql`insert into people (id_hash, id_cipher, id_masked, name, gender, birth_date, created_at)
      values (${fullHash(ID)}, 'v1:x', '640121********0067', '张三', '女', '1988-09-09', '2026-01-01T00:00:00Z')`.execute(
      k,
    );
    await sql`insert into people (id_hash, id_cipher, id_masked, name, gender, birth_date, created_at)
      values (${fullHash('640121199001011234')}, 'v1:y', '640121********1234', '李四', '男', '1990-01-01', '2026-01-01T00:00:00Z')`.execute(
      k,
    );
    await sql`insert into reconciliations (region_code, source, file_name, compared_on, created_at, created_by, created_by_name, counts)
      values ('640121', '组织', '名册.xlsx', '2026-01-01', '2026-01-01T00:00:00Z', null, '管理员', '{}')`.execute(
      k,
    );
    await sql`insert into reconciliation_items (reconciliation_id, kind, name, id_masked, id_hash)
      select id, 'not_on_list', '张三', '640121********0067', ${fullHash(ID)} from reconciliations`.execute(
      k,
    );
    await sql`insert into reconciliation_items (reconciliation_id, kind, name, id_masked, id_hash)
      select id, 'invalid_row', '王五', '', null from reconciliations`.execute(k);

    expect(await migrateToLatest(db)).toContain('0032_people_slim_index');

    expect(blindIndex(keys, ID)).toHaveLength(32);
    const found = await peopleByHash(k, [blindIndex(keys, ID), blindIndex(keys, '640121199001011234')]);
    expect([...found.values()].map((p) => p.id).sort()).toHaveLength(2);
    expect(found.get(blindIndex(keys, ID))?.id).toBeGreaterThan(0);
    const items = await sql<{
      id_hash: string | null;
    }>`select id_hash from reconciliation_items order by id`.execute(k);
    expect(items.rows.map((r) => r.id_hash)).toEqual([blindIndex(keys, ID), null]);
    expect(await indexNames(db)).not.toContain('people_name');
    // Running it again changes nothing.
    expect(await migrateToLatest(db)).toEqual([]);
  });
});
