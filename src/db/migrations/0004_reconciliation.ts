// Frozen: reconciliation (数据比对) of lists from 组织部, 人社 and 财政 with the real-name records.
// A comparison and its differences are kept as they were found, with the comparison's date.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('reconciliations'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    // '组织' | '人社' | '财政'
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('compared_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    // JSON: rows read, people on the establishment, matched, and the count of each kind.
    .addColumn('counts', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reconciliations_region')
    .on('reconciliations')
    .columns(['region_code', 'compared_on'])
    .execute();

  // 身份证号 only as its keyed hash and masked form, like people.
  await withId(db, db.schema.createTable('reconciliation_items'))
    .addColumn('reconciliation_id', 'integer', (c) => c.notNull().references('reconciliations.id'))
    // 'not_on_establishment' | 'not_on_list' | 'other_unit' | 'other_quota_type' | 'invalid_row'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('row_number', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_masked', 'text', (c) => c.notNull())
    .addColumn('id_hash', 'text')
    .addColumn('list_unit', 'text')
    .addColumn('ledger_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('list_quota_type', 'text')
    .addColumn('ledger_quota_type', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('reconciliation_items_kind')
    .on('reconciliation_items')
    .columns(['reconciliation_id', 'kind'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0004_reconciliation cannot be reverted: comparisons are kept as history');
}
