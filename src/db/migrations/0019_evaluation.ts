// Frozen: 评估问效 plans (per county, year and type: the units evaluated, the leading group, the
// stage dates and the indicator system as a JSON tree), and the scores given at each stage
// (自评 by the unit, 实地评估 by the county team), one row per plan, unit, stage and indicator.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('evaluation_plans'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // 'application' | 'execution' | 'benefit'
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // The leading group: one member a line, "name（role）".
    .addColumn('leading_group', 'text', (c) => c.notNull())
    // The period measured by computed indicators.
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('self_from', 'text', (c) => c.notNull())
    .addColumn('self_to', 'text', (c) => c.notNull())
    .addColumn('onsite_from', 'text', (c) => c.notNull())
    .addColumn('onsite_to', 'text', (c) => c.notNull())
    .addColumn('cross_from', 'text')
    .addColumn('cross_to', 'text')
    // The indicator system (rules.ts IndicatorSystem) as JSON.
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('evaluation_plans_region')
    .on('evaluation_plans')
    .columns(['region_code', 'year'])
    .execute();

  await db.schema
    .createTable('evaluation_units')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('evaluation_plans.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addPrimaryKeyConstraint('evaluation_units_pk', ['plan_id', 'unit_id'])
    .execute();

  await withId(db, db.schema.createTable('evaluation_scores'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('evaluation_plans.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    // 'self' | 'onsite'
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    // What the scorer measured (rules.ts Measurement) as JSON, and the score it gives.
    .addColumn('measurement', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addColumn('scored_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('evaluation_scores_key', ['plan_id', 'unit_id', 'stage', 'indicator_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evaluation_scores').execute();
  await db.schema.dropTable('evaluation_units').execute();
  await db.schema.dropTable('evaluation_plans').execute();
}
