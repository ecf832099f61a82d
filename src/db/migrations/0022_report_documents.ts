// Frozen: the county's yearly report (全年汇报) as a living document — its prose per paragraph
// with placeholders naming figures of the system ({{basic.partyOrgans}}), one document per county
// and year — and its renderings, each with the figure values it printed, so that the next
// rendering can say which figures changed.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('report_documents'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // The first day of the 工作统计 period that section 二's figures count (…年以来).
    .addColumn('work_from', 'text', (c) => c.notNull())
    // JSON array of paragraphs (headings included), each prose with {{figure}} placeholders.
    .addColumn('paragraphs', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('report_documents_region_year', ['region_code', 'year'])
    .execute();

  await withId(db, db.schema.createTable('report_renderings'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('report_documents.id'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    // JSON object: figure key → value printed (null: no data).
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('rendered_at', 'text', (c) => c.notNull())
    .addColumn('rendered_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('report_renderings_document')
    .on('report_renderings')
    .columns(['document_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_renderings').execute();
  await db.schema.dropTable('report_documents').execute();
}
