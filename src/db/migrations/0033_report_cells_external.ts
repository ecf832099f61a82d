// Frozen: on PostgreSQL the unit cells of the stored report aggregates (0028) are stored as they
// come — deflated by the repository (report-aggregates.ts) — without TOAST compressing them again
// (STORAGE EXTERNAL: out of line, uncompressed), so that reading them back costs no decompression.
// Rows stored before stay as they are and are read as before. SQLite has no such setting.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db))
    await sql`alter table report_aggregates alter column cells set storage external`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db))
    await sql`alter table report_aggregates alter column cells set storage extended`.execute(db);
}
