// Frozen: saved import mappings (issue 9): how an office's own workbook (sheets, headers,
// values) maps onto the exchange format, one set per county, each under a name unique in it.
// The mapping itself is JSON text; instants are ISO text, as in the other tables.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function table(db: Kysely<any>, name: string): CreateTableBuilder<string, 'id'> {
  const t = db.schema.createTable(name);
  if (isPostgres(db)) return t.addColumn('id', 'serial', (c) => c.primaryKey());
  return t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await table(db, 'import_mappings')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('import_mappings_region_name')
    .unique()
    .on('import_mappings')
    .columns(['region_code', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_mappings').execute();
}
