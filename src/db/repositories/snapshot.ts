// All SQL of backup and restore: which tables exist (from the database's own catalogue, so that a
// table added by a later migration is included without a code change), their rows in primary-key
// order, bulk inserts, and PostgreSQL sequences. Identifiers come from the catalogue, never from input.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.ts';
import type { Executor } from './executor.ts';

export interface TableShape {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tables this one references (foreign keys), itself excluded. */
  references: string[];
}

type Row = Record<string, unknown>;

/** Tables known only at run time (from the catalogue): rows are plain column → value records. */
const loose = (db: Executor): Kysely<Record<string, Row>> => db as unknown as Kysely<Record<string, Row>>;

/** Whether `name` is one of the application's tables (not SQLite's or the migrator's own). */
const isDataTable = (name: string): boolean => !name.startsWith('kysely_') && !name.startsWith('sqlite_');

async function sqliteTables(db: Executor): Promise<TableShape[]> {
  const names = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' order by name`.execute(db);
  const shapes: TableShape[] = [];
  for (const { name } of names.rows.filter((r) => isDataTable(r.name))) {
    const cols = await sql<{ name: string; pk: number }>`
      select name, pk from pragma_table_info(${name}) order by cid`.execute(db);
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(
      db,
    );
    shapes.push({
      name,
      columns: cols.rows.map((c) => c.name),
      primaryKey: cols.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: [...new Set(fks.rows.map((f) => f.table))].filter((t) => t !== name),
    });
  }
  return shapes;
}

async function postgresTables(db: Executor): Promise<TableShape[]> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string; kind: string; ref: string | null }>`
    select tc.table_name, kcu.column_name, tc.constraint_type as kind, ccu.table_name as ref
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
    left join information_schema.constraint_column_usage ccu
      on tc.constraint_type = 'FOREIGN KEY'
      and ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
    where tc.table_schema = current_schema() and tc.constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')
    order by tc.table_name, kcu.ordinal_position`.execute(db);
  const byName = new Map<string, TableShape>();
  for (const c of cols.rows) {
    if (!isDataTable(c.table_name)) continue;
    const shape = byName.get(c.table_name) ?? {
      name: c.table_name,
      columns: [],
      primaryKey: [],
      references: [],
    };
    shape.columns.push(c.column_name);
    byName.set(c.table_name, shape);
  }
  for (const k of keys.rows) {
    const shape = byName.get(k.table_name);
    if (!shape) continue;
    if (k.kind === 'PRIMARY KEY' && !shape.primaryKey.includes(k.column_name))
      shape.primaryKey.push(k.column_name);
    if (k.kind === 'FOREIGN KEY' && k.ref && k.ref !== shape.name && !shape.references.includes(k.ref))
      shape.references.push(k.ref);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Every application table, each after the tables it references (the order to insert them in). */
export async function describeTables(db: Executor, dialect: Dialect): Promise<TableShape[]> {
  const shapes = dialect === 'sqlite' ? await sqliteTables(db) : await postgresTables(db);
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const visit = (s: TableShape, path: Set<string>): void => {
    if (placed.has(s.name) || path.has(s.name)) return;
    path.add(s.name);
    for (const ref of s.references) {
      const parent = byName.get(ref);
      if (parent) visit(parent, path);
    }
    placed.add(s.name);
    ordered.push(s);
  };
  for (const s of shapes) visit(s, new Set());
  return ordered;
}

/** Names of the migrations applied to this database, in order. */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function countRows(db: Executor, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The rows of one table in primary-key order, as value arrays in `shape.columns` order: by key
 * ranges when the key is one column, by pages otherwise (such tables are small).
 */
export async function* readTableRows(
  db: Executor,
  shape: TableShape,
  batch = 2000,
): AsyncGenerator<unknown[]> {
  const order = shape.primaryKey.length > 0 ? shape.primaryKey : shape.columns;
  const cols = sql.join(shape.columns.map((c) => sql.ref(c)));
  const orderBy = sql.join(order.map((c) => sql.ref(c)));
  const single = shape.primaryKey.length === 1 ? shape.primaryKey[0] : undefined;
  let after: unknown = undefined;
  let offset = 0;
  for (;;) {
    const where =
      single !== undefined && after !== undefined ? sql`where ${sql.ref(single)} > ${after}` : sql``;
    const page = single !== undefined ? sql`` : sql`offset ${offset}`;
    const result = await sql<Row>`
      select ${cols} from ${sql.table(shape.name)} ${where} order by ${orderBy} limit ${batch} ${page}`.execute(
      db,
    );
    if (result.rows.length === 0) return;
    for (const row of result.rows) yield shape.columns.map((c) => row[c]);
    const last = result.rows[result.rows.length - 1];
    if (single !== undefined) after = last?.[single];
    offset += result.rows.length;
    if (result.rows.length < batch) return;
  }
}

/** Inserts rows given as objects keyed by column, in statements that stay under the parameter limits. */
export async function insertTableRows(
  db: Executor,
  table: string,
  columns: string[],
  rows: Row[],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30000 / Math.max(1, columns.length)));
  for (let i = 0; i < rows.length; i += perStatement) {
    await loose(db)
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
}

/** PostgreSQL: moves every serial sequence past the largest id restored, so new rows do not collide. */
export async function resetSequences(db: Executor, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  const serials = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'`.execute(db);
  for (const s of serials.rows) {
    await sql`select setval(pg_get_serial_sequence(${s.table_name}, ${s.column_name}),
      coalesce((select max(${sql.ref(s.column_name)}) from ${sql.table(s.table_name)}), 0) + 1, false)`.execute(
      db,
    );
  }
}
