// PostgreSQL COPY … FROM STDIN for an import's slices (issue 10 item 2): rows go to the server as
// one tab-separated text stream instead of bound parameters, parsed there without a plan or an
// array per column. Kysely does not hand out a transaction's raw `pg` client, so a transaction that
// may COPY is opened by `Db.copyTransaction` (connect.ts) on a client taken from the pool: Kysely
// runs its statements on that client, and the same client, registered here against the
// transaction, carries the COPY — inside the same transaction, all-or-nothing with the rest.
// The statements themselves are built by the repositories (repositories/bulk.ts).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | null;

const clients = new WeakMap<object, pg.ClientBase>();

/** Records that `trx`'s statements run on `client` (connect.ts, Db.copyTransaction). */
export function registerCopyClient(trx: object, client: pg.ClientBase): void {
  clients.set(trx, client);
}

/** The raw client of a transaction opened by Db.copyTransaction on PostgreSQL; otherwise none. */
export function copyClientOf(trx: object): pg.ClientBase | undefined {
  return clients.get(trx);
}

/**
 * One value in COPY's text format: NULL as \N; a backslash, tab, newline or carriage return
 * escaped with a backslash (the delimiter is the tab; every other character, quotes and Chinese
 * text included, goes as it is).
 */
export function copyField(v: CopyValue): string {
  if (v === null) return '\\N';
  const s = typeof v === 'number' ? String(v) : v;
  if (!/[\\\t\n\r]/.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows as COPY's text format: one line per row, fields separated by tabs. */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let out = '';
  for (const row of rows) out += `${row.map(copyField).join('\t')}\n`;
  return out;
}

/** Sends `rows` through `statement` (a `copy … from stdin` in text format) on `client`. */
export async function copyIn(
  client: pg.ClientBase,
  statement: string,
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  await pipeline(Readable.from([Buffer.from(copyText(rows), 'utf8')]), client.query(copyFrom(statement)));
}
