// Frozen: an import applied in slices (issue 8 item 3). The people of a large import are written
// ahead of its final transaction in short transactions ("slices"), invisible until that final
// transaction publishes them:
// - import_batches: one row per import that writes slices; `state` 'applying' → 'done' (published,
//   one UPDATE) or 'failed' (its slices removed). `owner` (host/pid/thread) and `heartbeat_at` let
//   a start-up sweep tell an import left by a crash from one still running.
// - people.import_id: the import that wrote the person; the person is visible (look-ups by 身份证号,
//   the person page) only once that import is 'done'.
// - import_placements: the placements of those people, same shape as placements but naming the
//   unit by (region_code, unit_code), so that units created by the final transaction can be joined;
//   copied into placements by one INSERT … SELECT in the final transaction.
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
  await table(db, 'import_batches')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('region_codes', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_batches_state').on('import_batches').column('state').execute();
  await db.schema
    .alterTable('people')
    .addColumn('import_id', 'integer', (c) => c.references('import_batches.id'))
    .execute();
  await db.schema.createIndex('people_import').on('people').column('import_id').execute();
  await table(db, 'import_placements')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('quota_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('leadership_level', 'text', (c) => c.notNull())
    .addColumn('entered_on', 'text')
    .addColumn('left_on', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .execute();
  await db.schema
    .createIndex('import_placements_import')
    .on('import_placements')
    .columns(['import_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_placements').execute();
  await db.schema.dropIndex('people_import').execute();
  await db.schema.alterTable('people').dropColumn('import_id').execute();
  await db.schema.dropTable('import_batches').execute();
}
