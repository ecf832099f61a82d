// All SQL of the audit log. Rows are only ever inserted (triggers refuse updates and deletes).
import { sql } from 'kysely';
import type { AuditEventRow } from '../database.ts';
import type { Dialect } from '../connect.ts';
import type { Executor } from './executor.ts';

export interface AuditInsert {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  summary: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The key of the chain's advisory lock on PostgreSQL. */
const CHAIN_LOCK = 2260117;

/** Serialises appends to the chain: the head must not move between reading and writing it. */
export async function lockChain(db: Executor, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(CHAIN_LOCK)})`.execute(db);
}

/**
 * PostgreSQL: whether the session holding the chain's lock is waiting for this transaction (for a
 * row it wrote). Every login and audited write then waits for this transaction too; a long one
 * (an import's final transaction, apply-slices.ts) gives way. A bigint advisory key shows in
 * pg_locks as classid (high 32 bits), objid (low 32 bits) and objsubid 1.
 */
export async function chainHolderWaitsForUs(db: Executor): Promise<boolean> {
  const r = await sql<{ waits: boolean }>`
    select exists (
      select 1 from pg_locks l
      where l.locktype = 'advisory' and l.granted
        and l.classid = 0 and l.objid = ${sql.lit(CHAIN_LOCK)} and l.objsubid = 1
        and l.database = (select oid from pg_database where datname = current_database())
        and pg_backend_pid() = any (pg_blocking_pids(l.pid))
    ) as waits`.execute(db);
  return r.rows[0]?.waits === true;
}

export async function chainHead(db: Executor): Promise<{ id: number; hash: string } | null> {
  const row = await db
    .selectFrom('audit_events')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertAuditRows(db: Executor, rows: AuditInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('audit_events')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function* iterateAuditEvents(db: Executor, batch = 2000): AsyncGenerator<AuditEventRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) yield row;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export interface AuditFilter {
  regionCodes: string[] | null;
  entityType?: string;
  entityId?: string;
  action?: string;
  actorName?: string;
  limit: number;
  offset: number;
}

export async function listAuditEvents(
  db: Executor,
  f: AuditFilter,
): Promise<{ total: number; rows: AuditEventRow[] }> {
  let q = db.selectFrom('audit_events');
  if (f.regionCodes) q = q.where('region_code', 'in', f.regionCodes);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.action) q = q.where('action', '=', f.action);
  const actor = f.actorName;
  // The 操作人 filter finds a user by the name shown or by the username.
  if (actor) {
    q = q.where((eb) =>
      eb.or([
        eb('actor_name', '=', actor),
        eb(
          'actor_id',
          'in',
          eb
            .selectFrom('users')
            .select('users.id')
            .where((w) => w.or([w('users.username', '=', actor), w('users.display_name', '=', actor)])),
        ),
      ]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total: Number(total?.n ?? 0), rows };
}

/**
 * How many business changes (account events aside) were recorded in the regions after event
 * `afterId`: an import checked against the data as it was refuses to apply over newer changes.
 */
export async function changesSince(db: Executor, afterId: number, regionCodes: string[]): Promise<number> {
  if (regionCodes.length === 0) return 0;
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '>', afterId)
    .where('entity_type', '<>', 'user')
    .where('region_code', 'in', regionCodes)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
