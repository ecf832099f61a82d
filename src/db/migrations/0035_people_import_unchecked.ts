// Frozen: on PostgreSQL, people.import_id (0026) is no longer a checked foreign key (issue 10
// item 2). Every person row of an import's slices is written with the id of the batch the same
// import created before its first slice, and import_batches rows are never deleted; the per-row
// check (a look-up and a share lock on the batch's row for each of a million people) ran on the
// two cores the import's check also uses: measured twice each in one session (bench/README.md,
// session 12), a million-person import took 38.6–39.2 s (CSV) and 44.6–48.0 s (.xlsx) without it,
// 40.3–43.0 s and 46.7–47.3 s with it.
// SQLite is left as it is: its check is an in-process look-up that costs little.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table people drop constraint if exists people_import_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table people add constraint people_import_id_fkey foreign key (import_id) references import_batches (id)`.execute(
    db,
  );
}
