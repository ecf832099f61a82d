// Frozen: 交叉互评. A plan's stage weights (自评/实地评估/交叉互评, JSON; null: the latest stage
// counts), and the grants that let a user of another county evaluate a plan's units: read-only
// access to them and scoring in the 交叉互评 stage, until the stage's end date (checked on every
// request against the plan's cross_to, so no job expires them) or until revoked.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluation_plans').addColumn('stage_weights', 'text').execute();

  await withId(db, db.schema.createTable('evaluation_cross_grants'))
    // The evaluated county (the plan's), which grants; the evaluator's own county is another.
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('evaluation_plans.id'))
    .addColumn('evaluator_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('evaluator_region', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('evaluation_cross_grants_evaluator')
    .on('evaluation_cross_grants')
    .columns(['evaluator_id', 'plan_id'])
    .execute();
  await db.schema
    .createIndex('evaluation_cross_grants_plan')
    .on('evaluation_cross_grants')
    .columns(['plan_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evaluation_cross_grants').execute();
  await db.schema.alterTable('evaluation_plans').dropColumn('stage_weights').execute();
}
