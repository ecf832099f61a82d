// Frozen: the head-count changes of each county between two consecutive report checkpoints
// (issue 10, item 3), day by day, stamped with the county's report counter — so that the first
// report of a date between two checkpoints adds up the stored changes of the days between its
// checkpoint and its date instead of counting the placements of the window again. `deltas` is
// JSON (report-windows.ts): per day, unit and quota type, the change of 实有 and of the 正科/副科
// leaders on the establishment, and the names of the units whose name cannot change in the window.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_window_deltas')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    // The window (lo, hi]: the days after `lo` up to and including `hi`.
    .addColumn('lo', 'text', (c) => c.notNull())
    .addColumn('hi', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('deltas', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_window_deltas_pk', ['region_code', 'lo', 'hi'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_window_deltas').execute();
}
