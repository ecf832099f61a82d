import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';

/** A connection or an open transaction: repositories work with either. */
export type Executor = Kysely<Database>;
