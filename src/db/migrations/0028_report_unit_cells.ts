// Frozen: maintained per-unit totals for the 基本情况 report (issue 10, item 3). A stored county
// aggregate now also keeps every unit's cells on its date (`cells`, Int32 rows; `cell_attrs`, the
// JSON list of the distinct unit attribute sets they refer to), so that another date, or the same
// date after a write, is the stored one patched unit by unit. `report_dirty_units` lists, per
// county counter value, the units a write touched (unit_id null: the whole county, as an import
// marks it). The date indexes find the units whose rows take effect between two dates.
import type { Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report_aggregates')
    .addColumn('cells', isPostgres(db) ? 'bytea' : 'blob')
    .execute();
  await db.schema.alterTable('report_aggregates').addColumn('cell_attrs', 'text').execute();
  await db.schema
    .createTable('report_dirty_units')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer')
    .execute();
  await db.schema
    .createIndex('report_dirty_units_version')
    .on('report_dirty_units')
    .columns(['region_code', 'version'])
    .execute();
  await db.schema.createIndex('placements_entered_on').on('placements').column('entered_on').execute();
  await db.schema.createIndex('placements_left_on').on('placements').column('left_on').execute();
  await db.schema.createIndex('quotas_effective_from').on('quotas').column('effective_from').execute();
  await db.schema
    .createIndex('leadership_posts_effective_from')
    .on('leadership_posts')
    .column('effective_from')
    .execute();
  await db.schema.createIndex('unit_versions_valid_from').on('unit_versions').column('valid_from').execute();
  await db.schema.createIndex('unit_versions_founded_on').on('unit_versions').column('founded_on').execute();
  await db.schema
    .createIndex('unit_versions_abolished_on')
    .on('unit_versions')
    .column('abolished_on')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'unit_versions_abolished_on',
    'unit_versions_founded_on',
    'unit_versions_valid_from',
    'leadership_posts_effective_from',
    'quotas_effective_from',
    'placements_left_on',
    'placements_entered_on',
  ])
    await db.schema.dropIndex(name).execute();
  await db.schema.dropTable('report_dirty_units').execute();
  await db.schema.alterTable('report_aggregates').dropColumn('cell_attrs').execute();
  await db.schema.alterTable('report_aggregates').dropColumn('cells').execute();
}
