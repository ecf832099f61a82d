// Frozen: 评估问效 findings and their rectification (问题清单 / 整改清单): per plan and evaluated
// unit, the finding, the indicator it concerns, the rectification measure, its deadline and the
// responsible unit, and its status ('open' 未整改, 'inProgress' 整改中, 'done' 已整改) with the
// latest progress note and the date it was done. Rows are updated in place; every change is
// written to the audit chain with the values before and after.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('evaluation_findings'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('evaluation_plans.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    // A leaf or branch code of the plan's indicator system; null when the finding is general.
    .addColumn('indicator_code', 'text')
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('responsible', 'text', (c) => c.notNull())
    // 'open' | 'inProgress' | 'done'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('evaluation_findings_plan')
    .on('evaluation_findings')
    .columns(['plan_id', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evaluation_findings').execute();
}
