// Database housekeeping.
import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import type { Executor } from './executor.ts';

/**
 * Refreshes the planner's statistics after a large write (an import), so lists stay fast.
 * On SQLite each index is sampled (analysis_limit), so that ANALYZE of a million rows holds
 * the write lock for a moment rather than seconds.
 */
export async function refreshStatistics(db: Executor, dialect?: Dialect): Promise<void> {
  if (dialect === 'sqlite') await sql`pragma analysis_limit = 2000`.execute(db);
  await sql`analyze`.execute(db);
}

/** SQLite: moves the write-ahead log into the database and empties it (after a large write). */
export async function checkpointWal(db: Executor, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}
