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
  if (isPostgres(db)) {
    const columns = t.columns.map((_, i) => rows.map((r) => r[i] ?? null));
    const result = await db.executeQuery<R>(CompiledQuery.raw(postgresInsert(t, returning), columns));
    return result.rows;
  }
  const out: R[] = [];
  let i = 0;
  for (const size of CHUNKS) {
    const text = sqliteInsert(t, size, returning);
    for (; i + size <= rows.length; i += size) {
      const params: BulkValue[] = [];
      for (let r = i; r < i + size; r += 1) {
        const row = rows[r];
        if (row) for (const v of row) params.push(v);
      }
      const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
      for (const row of result.rows) out.push(row);
    }
  }
  return out;
}
