// Frozen: the year-end 机构编制统计 submissions (a submitted year is locked with its figures and
// their hash) and the matters from before the system (历史事项), imported from the exchange format.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('yearend_submissions'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    // JSON: [{ key, table, row, column, value }] as submitted.
    .addColumn('figures', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the canonical figures.
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('yearend_submissions_region_year')
    .on('yearend_submissions')
    .columns(['region_code', 'year'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('history_matters'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('unit_name', 'text', (c) => c.notNull())
    // The kind, as the sheet names it (设立, 撤销, 更名, 规格调整, 核增编制, 核减编制, 调剂编制, 上编 …).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quota_type', 'text')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retracted_at', 'text')
    .execute();
  await db.schema
    .createIndex('history_matters_region_date')
    .on('history_matters')
    .columns(['region_code', 'effective_on'])
    .execute();
  await db.schema.createIndex('history_matters_unit').on('history_matters').columns(['unit_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('0017_yearend_history cannot be reverted: submissions and history are records');
}
