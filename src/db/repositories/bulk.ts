// Bulk inserts for large writes (an import's people and placements): many rows per statement,
// the statement's text fixed so that it is prepared once.
// - SQLite: multi-row `INSERT … VALUES (…),(…)` in chunks of 100 rows (then 10, then 1), each
//   shape prepared once by the connection's statement cache (db/connect.ts).
// - PostgreSQL: one `INSERT … SELECT FROM unnest($1::type[], …)` per call: one round trip and
//   one plan for any number of rows, every value still a bound parameter.
// Column names and types are constants of this file; values are only ever parameters.
import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Executor } from './executor.ts';

export type BulkValue = string | number | null;

export interface BulkTable {
  table: string;
  /** Column name → PostgreSQL array element type for unnest. */
  columns: readonly (readonly [string, 'text' | 'integer'])[];
}

const CHUNKS = [100, 10, 1];

export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const quote = (name: string): string => `"${name}"`;

const sqliteTexts = new Map<string, string>();

function sqliteInsert(t: BulkTable, rows: number, returning: readonly string[]): string {
  // The columns are part of the key: one table may be written with different column lists.
  const key = `${t.table}|${t.columns.map(([c]) => c).join(',')}|${rows}|${returning.join(',')}`;
  let text = sqliteTexts.get(key);
  if (text === undefined) {
    const tuple = `(${t.columns.map(() => '?').join(',')})`;
    text =
      `insert into ${quote(t.table)} (${t.columns.map(([c]) => quote(c)).join(',')}) values ` +
      Array.from({ length: rows }, () => tuple).join(',') +
      (returning.length > 0 ? ` returning ${returning.map(quote).join(',')}` : '');
    sqliteTexts.set(key, text);
  }
  return text;
}

function postgresInsert(t: BulkTable, returning: readonly string[]): string {
  return (
    `insert into ${quote(t.table)} (${t.columns.map(([c]) => quote(c)).join(',')}) ` +
    `select * from unnest(${t.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(',')})` +
    (returning.length > 0 ? ` returning ${returning.map(quote).join(',')}` : '')
  );
}

/**
 * Inserts `rows` (values in the order of `t.columns`) and returns the `returning` columns of
 * the inserted rows (in no particular order).
 */
export async function bulkInsert<R>(
  db: Executor,
  t: BulkTable,
  rows: readonly (readonly BulkValue[])[],
  returning: readonly string[] = [],
): Promise<R[]> {
  if (rows.length === 0) return [];
  if (isPostgres(db))
    return postgresRows<R>(
      db,
      t,
      t.columns.map((_, i) => rows.map((r) => r[i] ?? null)),
      returning,
    );
  return sqliteRows<R>(db, t, rows.length, returning, (params, r) => {
    const row = rows[r];
    if (row) for (const v of row) params.push(v);
  });
}

/**
 * The one value every row has for `pick` (a column written once for a whole batch, as its time of
 * recording); throws when the rows differ, rather than writing the first row's value for all.
 */
export function sharedValue<T, V>(rows: readonly T[], pick: (r: T) => V, what: string): V | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const v = pick(first);
  if (rows.some((r) => pick(r) !== v)) throw new Error(`批量写入内部错误：各行的${what}不同`);
  return v;
}

/**
 * The same with the values given column by column (`columns[c][r]`, columns in the order of
 * `t.columns`, all of one length): a large write builds one array per column instead of one per
 * row, and PostgreSQL's unnest takes the columns as they are.
 */
export async function bulkInsertColumns<R>(
  db: Executor,
  t: BulkTable,
  columns: readonly (readonly BulkValue[])[],
  returning: readonly string[] = [],
): Promise<R[]> {
  const count = columns[0]?.length ?? 0;
  if (columns.length !== t.columns.length || columns.some((c) => c.length !== count))
    throw new Error(`${t.table}：列数或行数不一致`);
  if (count === 0) return [];
  if (isPostgres(db)) return postgresRows<R>(db, t, columns, returning);
  return sqliteRows<R>(db, t, count, returning, (params, r) => {
    for (const column of columns) params.push(column[r] ?? null);
  });
}

async function postgresRows<R>(
  db: Executor,
  t: BulkTable,
  columns: readonly (readonly BulkValue[])[],
  returning: readonly string[],
): Promise<R[]> {
  const result = await db.executeQuery<R>(
    CompiledQuery.raw(postgresInsert(t, returning), columns.map(arrayLiteral)),
  );
  return result.rows;
}

/** An element PostgreSQL's array input reads as it is: none of `"\{},`, no white space, not empty. */
const PLAIN_ELEMENT = /^[^\s"\\{},]+$/;

/**
 * A column's values as one PostgreSQL array literal (`{a,"b c",NULL}`), the parameter of unnest:
 * an element is quoted only when it must be (the driver quoted and escaped every one, a
 * million-person import's largest cost in JavaScript after parsing). Still a bound parameter.
 */
export function arrayLiteral(values: readonly BulkValue[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = String(v);
    else if (PLAIN_ELEMENT.test(v) && !(v.length === 4 && v.toUpperCase() === 'NULL')) parts[i] = v;
    else parts[i] = `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** SQLite: `count` rows in chunks of CHUNKS, `push` adding row r's values to a statement's parameters. */
async function sqliteRows<R>(
  db: Executor,
  t: BulkTable,
  count: number,
  returning: readonly string[],
  push: (params: BulkValue[], r: number) => void,
): Promise<R[]> {
  const out: R[] = [];
  let i = 0;
  for (const size of CHUNKS) {
    const text = sqliteInsert(t, size, returning);
    for (; i + size <= count; i += size) {
      const params: BulkValue[] = [];
      for (let r = i; r < i + size; r += 1) push(params, r);
      const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
      for (const row of result.rows) out.push(row);
    }
  }
  return out;
}
