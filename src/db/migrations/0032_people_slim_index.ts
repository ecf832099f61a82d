// Frozen: fewer and smaller B-trees kept up for each person written (issue 10 item 2). An import
// writes a million people in slices; each slice's new people land at random places in every index
// on people that is not ordered by insertion, and each slice's commit writes every page it touched.
// - people_name (0001) goes: no query can use it. The only look-up by name is the people list's
//   prefix search, `name LIKE '张%'`, which SQLite answers from an index only when LIKE is
//   case-sensitive or the column NOCASE (neither here) and PostgreSQL only under the C collation;
//   both plans start from the county's units and placements anyway.
// - The keyed hash of the 身份证号 (people.id_hash, reconciliation_items.id_hash) is kept to its
//   first 128 bits (32 hex digits; field-crypto.ts BLIND_INDEX_BYTES): HMAC-SM3 truncated as HMAC
//   allows, so a stored hash stays the prefix of the one computed now. The unique index halves.
// Measured on 1,000,000 people written in slices of 10,000 (SQLite, the slices' statements alone):
// 84.9 s as before, 60.1 s without people_name, 50.2 s with the shorter hash as well.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_name').execute();
  await sql`update people set id_hash = substr(id_hash, 1, 32) where length(id_hash) > 32`.execute(db);
  await sql`update reconciliation_items set id_hash = substr(id_hash, 1, 32) where length(id_hash) > 32`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  // The hashes' other half is gone: they stay short (look-ups computed before 0032 are not needed).
  await db.schema.createIndex('people_name').on('people').column('name').execute();
}
