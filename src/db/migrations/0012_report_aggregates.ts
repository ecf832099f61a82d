// Frozen: the 基本情况 report's aggregate cache (issue 10, item 3). `report_versions` holds one
// counter per county, raised in the same transaction as every write that changes what the
// report counts (units and their versions, quotas, leadership posts, placements).
// `report_aggregates` holds a county's summed figures and data-quality findings on one date,
// stamped with the county's counter when they were computed: a row is used only while the
// counter is unchanged, so a write never needs to find and delete the dates it affects.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_versions')
    .addColumn('region_code', 'text', (c) => c.primaryKey().references('regions.code'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_aggregates')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_aggregates_pk', ['region_code', 'as_of'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_aggregates').execute();
  await db.schema.dropTable('report_versions').execute();
}
