// Every table of the migrated schema is reachable from a region key, so that a sharded
// PostgreSQL (Citus, distributed by region code) can take a national deployment
// (docs/DEPLOYMENT.md): a table either has a NOT NULL `region_code` column, or a NOT NULL
// foreign key to a table that is reachable — or it is one of the few global tables below,
// each with its reason. A new table that is none of these fails this test.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const REGION_KEY = 'region_code';

/** Tables without a region key, and why. Keep this list short: each entry is a national-deployment decision. */
const GLOBAL_TABLES: Record<string, string> = {
  regions: 'the region key itself (GB/T 2260 codes): a Citus reference table, copied to every node',
  security_policy:
    'the deployment’s account security policy (等保三级, set by the 安全管理员), one for every county: ' +
    'a Citus reference table',
  kysely_migration: 'schema version bookkeeping of the migrator: local to the coordinator',
  kysely_migration_lock: 'the migrator’s lock row: local to the coordinator',
  people:
    'one row per person nationwide (id_hash is unique): a person keeps one identity across counties; ' +
    'reached from a region key through placements (person_id, unit_id → units.region_code); ' +
    'reports never read it, pages join one page of people by id',
  import_batches:
    'bookkeeping of an import applied in slices (docs/import.md), which may write several counties ' +
    '(the command line): its counties are listed in region_codes; a few rows, a Citus reference table',
};

/** Tables whose region_code may be NULL, and why. */
const NULLABLE_REGION_KEY: Record<string, string> = {
  audit_events:
    'events of the deployment itself (logins, accounts of province users, key operations) belong to no county; ' +
    'the hash chain is per deployment',
};

interface SchemaColumn {
  table: string;
  column: string;
  notNull: boolean;
}
interface SchemaForeignKey {
  table: string;
  column: string;
  references: string;
}

/** The tables that are not reachable from a region key, each with what is wrong. */
function regionKeyProblems(
  columns: readonly SchemaColumn[],
  foreignKeys: readonly SchemaForeignKey[],
  globals: Record<string, string> = GLOBAL_TABLES,
  nullable: Record<string, string> = NULLABLE_REGION_KEY,
): string[] {
  const tables = [...new Set(columns.map((c) => c.table))].sort();
  const notNull = new Set(columns.filter((c) => c.notNull).map((c) => `${c.table}.${c.column}`));
  const problems: string[] = [];
  const reachable = new Set<string>();
  for (const t of tables) {
    const key = columns.find((c) => c.table === t && c.column === REGION_KEY);
    if (!key) continue;
    if (key.notNull || t in nullable) reachable.add(t);
    else problems.push(`${t}.${REGION_KEY} 可为空，且未在 NULLABLE_REGION_KEY 中说明理由`);
  }
  // Follow NOT NULL foreign keys until nothing more becomes reachable.
  for (let grew = true; grew;) {
    grew = false;
    for (const fk of foreignKeys) {
      if (reachable.has(fk.table) || !reachable.has(fk.references)) continue;
      if (!notNull.has(`${fk.table}.${fk.column}`)) continue;
      reachable.add(fk.table);
      grew = true;
    }
  }
  for (const t of tables) {
    if (reachable.has(t) || t in globals) continue;
    if (!problems.some((p) => p.startsWith(`${t}.`))) {
      problems.push(
        `${t} 没有 ${REGION_KEY} 列，也没有非空外键通向有该列的表（或在 GLOBAL_TABLES 中说明理由）`,
      );
    }
  }
  for (const t of Object.keys(globals)) {
    if (tables.includes(t) && reachable.has(t) && t !== 'regions') {
      problems.push(`${t} 已有地区键，应从 GLOBAL_TABLES 中删去`);
    }
  }
  return problems;
}

async function schemaOf(t: TestDb): Promise<{ columns: SchemaColumn[]; foreignKeys: SchemaForeignKey[] }> {
  const db = t.ctx.db.kysely;
  if (t.dialect === 'postgres') {
    const cols = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select c.table_name, c.column_name, c.is_nullable
      from information_schema.columns c
      join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where c.table_schema = ${t.schema} and tb.table_type = 'BASE TABLE'`.execute(db);
    const fks = await sql<{ table_name: string; column_name: string; ref: string }>`
      select cl.relname as table_name, a.attname as column_name, rf.relname as ref
      from pg_constraint k
      join pg_class cl on cl.oid = k.conrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_class rf on rf.oid = k.confrelid
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
      where k.contype = 'f' and n.nspname = ${t.schema}`.execute(db);
    return {
      columns: cols.rows.map((r) => ({
        table: r.table_name,
        column: r.column_name,
        notNull: r.is_nullable === 'NO',
      })),
      foreignKeys: fks.rows.map((r) => ({ table: r.table_name, column: r.column_name, references: r.ref })),
    };
  }
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  const columns: SchemaColumn[] = [];
  const foreignKeys: SchemaForeignKey[] = [];
  for (const { name } of tables.rows) {
    const info = await sql<{ name: string; notnull: number; pk: number }>`
      select name, "notnull", pk from pragma_table_info(${name})`.execute(db);
    for (const c of info.rows)
      columns.push({ table: name, column: c.name, notNull: c.notnull === 1 || c.pk > 0 });
    const fk = await sql<{ table: string; from: string }>`
      select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
    for (const f of fk.rows) foreignKeys.push({ table: name, column: f.from, references: f.table });
  }
  return { columns, foreignKeys };
}

describe('the region-key check itself', () => {
  const columns: SchemaColumn[] = [
    { table: 'units', column: 'region_code', notNull: true },
    { table: 'quotas', column: 'unit_id', notNull: true },
    { table: 'notes', column: 'unit_id', notNull: false },
    { table: 'orphans', column: 'text', notNull: true },
    { table: 'loose', column: 'region_code', notNull: false },
  ];
  const fks: SchemaForeignKey[] = [
    { table: 'quotas', column: 'unit_id', references: 'units' },
    { table: 'notes', column: 'unit_id', references: 'units' },
  ];

  it('accepts a region_code column and a NOT NULL foreign key chain to one', () => {
    const problems = regionKeyProblems(columns, fks, {}, {});
    expect(problems.some((p) => p.startsWith('units'))).toBe(false);
    expect(problems.some((p) => p.startsWith('quotas'))).toBe(false);
  });

  it('fails a table with no key, a nullable foreign key only, or a nullable region_code', () => {
    const problems = regionKeyProblems(columns, fks, {}, {});
    expect(problems.filter((p) => p.startsWith('orphans '))).toHaveLength(1);
    expect(problems.filter((p) => p.startsWith('notes '))).toHaveLength(1);
    expect(problems.filter((p) => p.startsWith('loose.region_code'))).toHaveLength(1);
    expect(regionKeyProblems(columns, fks, { orphans: '…', notes: '…' }, { loose: '…' })).toEqual([]);
  });
});

describe.each(DIALECTS)('every table of the migrated schema on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('is reachable from a region key, or a documented global table', async () => {
    const { columns, foreignKeys } = await schemaOf(t);
    const tables = new Set(columns.map((c) => c.table));
    // The inspection sees the schema (guards against a query that silently returns nothing).
    for (const expected of ['units', 'placements', 'quotas', 'people', 'regions'])
      expect(tables).toContain(expected);
    expect(foreignKeys.some((f) => f.table === 'placements' && f.references === 'units')).toBe(true);
    expect(regionKeyProblems(columns, foreignKeys)).toEqual([]);
  });
});
