// Frozen: staffing matters and their procedure, control totals, recruitment plans.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function withId(db: Kysely<any>, table: CreateTableBuilder<string, never>): CreateTableBuilder<string, 'id'> {
  if (isPostgres(db)) return table.addColumn('id', 'serial', (c) => c.primaryKey());
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('matters'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('proposer_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('exception_reason', 'text')
    .addColumn('decision_body', 'text')
    .addColumn('doc_no', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('matters_region_state')
    .on('matters')
    .columns(['region_code', 'state'])
    .execute();

  await withId(db, db.schema.createTable('matter_steps'))
    .addColumn('matter_id', 'integer', (c) => c.notNull().references('matters.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('rule_results', 'text')
    .execute();
  await db.schema.createIndex('matter_steps_matter').on('matter_steps').column('matter_id').execute();

  await withId(db, db.schema.createTable('matter_attachments'))
    .addColumn('matter_id', 'integer', (c) => c.notNull().references('matters.id'))
    .addColumn('step_id', 'integer', (c) => c.references('matter_steps.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  // 严控总量: the county's control total per quota type, set from above (市/自治区), dated.
  await withId(db, db.schema.createTable('control_totals'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('quota_type', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  // Which matter made which ledger row: the 文号 chain of every figure (沿革).
  await db.schema.alterTable('quotas').addColumn('matter_id', 'integer').execute();
  await db.schema.alterTable('leadership_posts').addColumn('matter_id', 'integer').execute();
  await db.schema.alterTable('unit_versions').addColumn('matter_id', 'integer').execute();
  await db.schema.alterTable('placements').addColumn('matter_id', 'integer').execute();
  await db.schema.alterTable('plaques').addColumn('matter_id', 'integer').execute();
}

export async function down(): Promise<void> {
  throw new Error('0002_matters cannot be reverted: the ledger keeps all history');
}
