// Frozen: per-county settings (及时性: working days allowed, holidays, 调休 working days).
// One row per region and key; the value is text (a number or a JSON array). Every change is
// written to the audit chain with the value before and after.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('settings_pk', ['region_code', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('settings').execute();
}
