// Frozen: import_batches.slices counts the slices an import committed; its final transaction
// publishes only if that is every slice it wrote (a slice lost in a server crash — slices commit
// without waiting for the disk on PostgreSQL — refuses the import instead of dropping its people).
// And on PostgreSQL, the staged placements of an import's slices (import_placements, 0026)
// are written without the write-ahead log and without foreign-key checks (issue 10 item 2):
// - UNLOGGED: the rows are invisible, read once by the import's own final transaction and then
//   removed; writing them to the WAL (and to a standby) doubled the slices' writing. After a
//   server crash PostgreSQL empties the table: the import then fails at publication (its people
//   outnumber its staged placements) or is swept at start-up, so nothing half-written appears.
//   A standby never reads the table (it holds no published data).
// - No foreign keys: every row is written by the same slice that wrote its person, with the id
//   just returned; the per-row checks (and the share lock each took on the person's row) were a
//   third of the slices' time. Publication joins people and units, and placements keep theirs.
// SQLite is left as it is: it has no log per table to skip, and its checks cost little in-process.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('import_batches')
    .addColumn('slices', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  if (!isPostgres(db)) return;
  await sql`alter table import_placements drop constraint import_placements_import_id_fkey`.execute(db);
  await sql`alter table import_placements drop constraint import_placements_person_id_fkey`.execute(db);
  await sql`alter table import_placements set unlogged`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table import_placements set logged`.execute(db);
    await sql`alter table import_placements add foreign key (import_id) references import_batches (id)`.execute(
      db,
    );
    await sql`alter table import_placements add foreign key (person_id) references people (id)`.execute(db);
  }
  await db.schema.alterTable('import_batches').dropColumn('slices').execute();
}
