// Frozen: when the end of a 交叉互评 grant (its plan's 交叉互评 stage ended, the grant not revoked)
// was written to the audit chain. Access ends by the date alone, checked on every request; this
// column only keeps the expiry event from being written twice.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluation_cross_grants').addColumn('expiry_recorded_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluation_cross_grants').dropColumn('expiry_recorded_at').execute();
}
