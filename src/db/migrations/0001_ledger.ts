// Frozen: the initial ledger schema. Never import application code here.
import { sql, type Kysely, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .execute();

  await withId(db, db.schema.createTable('units'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('units_region_code_unique', ['region_code', 'code'])
    .execute();

  await withId(db, db.schema.createTable('unit_versions'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('change_kind', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('parent_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('rank', 'text')
    .addColumn('affiliation', 'text')
    .addColumn('counts_toward_direct_limit', 'integer')
    .addColumn('funding', 'text')
    .addColumn('type', 'text')
    .addColumn('sector', 'text')
    .addColumn('legal_person', 'integer')
    .addColumn('uscc', 'text')
    .addColumn('founded_on', 'text')
    .addColumn('abolished_on', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .addColumn('retracted_at', 'text')
    .execute();
  await db.schema
    .createIndex('unit_versions_unit')
    .on('unit_versions')
    .columns(['unit_id', 'valid_from'])
    .execute();
  await db.schema.createIndex('unit_versions_parent').on('unit_versions').column('parent_unit_id').execute();

  await withId(db, db.schema.createTable('plaques'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('doc_no', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retracted_at', 'text')
    .execute();
  await db.schema.createIndex('plaques_unit').on('plaques').column('unit_id').execute();

  await withId(db, db.schema.createTable('region_population'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retracted_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('quotas'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('quota_type', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approved', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .addColumn('retracted_at', 'text')
    .execute();
  await db.schema
    .createIndex('quotas_unit')
    .on('quotas')
    .columns(['unit_id', 'quota_type', 'source', 'effective_from'])
    .execute();

  await withId(db, db.schema.createTable('leadership_posts'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('approved', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .addColumn('retracted_at', 'text')
    .execute();
  await db.schema
    .createIndex('leadership_posts_unit')
    .on('leadership_posts')
    .columns(['unit_id', 'level', 'effective_from'])
    .execute();

  await withId(db, db.schema.createTable('people'))
    .addColumn('id_hash', 'text', (c) => c.notNull().unique())
    .addColumn('id_cipher', 'text', (c) => c.notNull())
    .addColumn('id_masked', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_name').on('people').column('name').execute();

  await withId(db, db.schema.createTable('placements'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('quota_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('leadership_level', 'text', (c) => c.notNull().defaultTo('无'))
    .addColumn('entered_on', 'text')
    .addColumn('left_on', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .addColumn('retracted_at', 'text')
    .addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('placements_person').on('placements').column('person_id').execute();
  await db.schema
    .createIndex('placements_unit')
    .on('placements')
    .columns(['unit_id', 'is_current', 'quota_type', 'status'])
    .execute();
  await db.schema
    .createIndex('placements_current')
    .on('placements')
    .columns(['is_current', 'person_id'])
    .execute();

  await withId(db, db.schema.createTable('student_counts'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('senior', 'integer')
    .addColumn('junior', 'integer')
    .addColumn('primary_school', 'integer')
    .addColumn('preschool', 'integer')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retracted_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('audit_events'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('region_code', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_events_entity')
    .on('audit_events')
    .columns(['entity_type', 'entity_id'])
    .execute();

  if (isPostgres(db)) {
    // The audit log is append-only at the database too: no role may rewrite history through the app.
    await sql`create or replace function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception '审计日志只允许追加'; end $$`.execute(db);
    await sql`create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, '审计日志只允许追加'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, '审计日志只允许追加'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('0001_ledger cannot be reverted: the ledger keeps all history');
}
