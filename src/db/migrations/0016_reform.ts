// Frozen: 机构改革 (issue 12 items 1–5). 职责任务 and the 三定 document on each unit version;
// the county's 机构限额 with its source; reform projects, their frozen baselines (insert-only,
// sealed with a hash that the audit chain also carries), plans drafted in the sandbox, and the
// matters a plan filed when it was adopted.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('unit_versions').addColumn('responsibilities', 'text').execute();
  await db.schema.alterTable('unit_versions').addColumn('sanding_doc_no', 'text').execute();
  await db.schema.alterTable('unit_versions').addColumn('sanding_date', 'text').execute();

  // 机构限额: '党政机构' | '直属事业单位', each change a new row in force from its date.
  await withId(db, db.schema.createTable('institution_limits'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cap', 'integer', (c) => c.notNull())
    .addColumn('source_document', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('institution_limits_region')
    .on('institution_limits')
    .columns(['region_code', 'kind', 'effective_from'])
    .execute();

  await withId(db, db.schema.createTable('reform_projects'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON array of unit ids, or null for the whole county.
    .addColumn('scope_unit_ids', 'text')
    .addColumn('baseline_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute();

  // Insert-only: one per project; the content is canonical JSON, the hash its SM3.
  await withId(db, db.schema.createTable('reform_baselines'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('project_id', 'integer', (c) => c.notNull().unique().references('reform_projects.id'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .addColumn('frozen_by', 'integer', (c) => c.references('users.id'))
    .execute();

  await withId(db, db.schema.createTable('reform_plans'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('reform_projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON array of matter changes (src/common/matters.ts).
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('adopted_at', 'text')
    .addColumn('adopted_by', 'integer', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('reform_plan_matters')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('reform_plans.id'))
    .addColumn('matter_id', 'integer', (c) => c.notNull().unique().references('matters.id'))
    .addPrimaryKeyConstraint('reform_plan_matters_pk', ['plan_id', 'matter_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reform_plan_matters').execute();
  await db.schema.dropTable('reform_plans').execute();
  await db.schema.dropTable('reform_baselines').execute();
  await db.schema.dropTable('reform_projects').execute();
  await db.schema.dropTable('institution_limits').execute();
  await db.schema.alterTable('unit_versions').dropColumn('sanding_date').execute();
  await db.schema.alterTable('unit_versions').dropColumn('sanding_doc_no').execute();
  await db.schema.alterTable('unit_versions').dropColumn('responsibilities').execute();
}
