// Database housekeeping.
import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/** Refreshes the planner's statistics after a large write (an import), so lists stay fast. */
export async function refreshStatistics(db: Executor): Promise<void> {
  await sql`analyze`.execute(db);
}
