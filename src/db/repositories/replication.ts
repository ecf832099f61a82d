// The SQL of streaming replication (PostgreSQL only): where the primary's write-ahead log is,
// and whether the standby has replayed up to a point of it.
import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/** A write-ahead-log position as PostgreSQL prints it, e.g. 0/3000148. */
export const WAL_LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** The primary's current WAL write position: every transaction committed so far lies before it. */
export async function currentWalLsn(db: Executor): Promise<string> {
  const r = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db);
  const lsn = r.rows[0]?.lsn;
  if (!lsn) throw new Error('无法读取主库的 WAL 位置');
  return lsn;
}

/** Whether the standby has replayed the WAL up to `lsn` (false on a server that is not a standby). */
export async function replayedUpTo(db: Executor, lsn: string): Promise<boolean> {
  const r = await sql<{ done: boolean | null }>`
    select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`.execute(db);
  return r.rows[0]?.done === true;
}

/** The standby's replayed WAL position, or null on a server that is not a standby. */
export async function replayLsn(db: Executor): Promise<string | null> {
  const r = await sql<{ lsn: string | null }>`select pg_last_wal_replay_lsn()::text as lsn`.execute(db);
  return r.rows[0]?.lsn ?? null;
}
