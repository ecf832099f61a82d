// Frozen: files attached to a 法规制度 document or to a training record (its materials), kept in
// the database like matter attachments: the allow-listed media type, size, SHA-256 and content.
// Exactly one of document_id and training_id is set.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('library_attachments'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('document_id', 'integer', (c) => c.references('library_documents.id'))
    .addColumn('training_id', 'integer', (c) => c.references('trainings.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('library_attachments_one_owner', sql`(document_id is null) <> (training_id is null)`)
    .execute();
  await db.schema
    .createIndex('library_attachments_document')
    .on('library_attachments')
    .column('document_id')
    .execute();
  await db.schema
    .createIndex('library_attachments_training')
    .on('library_attachments')
    .column('training_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_attachments').execute();
}
