// Frozen: PostgreSQL refuses TRUNCATE of the audit log. A row trigger does not fire on TRUNCATE,
// so the append-only rule of 0001 needs a statement trigger too. (SQLite has no TRUNCATE; its
// DELETE trigger of 0001 already covers an unqualified DELETE.) Never import application code here.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create or replace function audit_events_no_truncate() returns trigger language plpgsql as $$
    begin raise exception '审计日志只允许追加，不能清空（TRUNCATE 被拒绝）'; end $$`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_no_truncate()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop trigger if exists audit_events_no_truncate on audit_events`.execute(db);
  await sql`drop function if exists audit_events_no_truncate()`.execute(db);
}
