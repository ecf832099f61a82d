// What every use case needs: the database, the keys and the audit writer.
import { AuditWriter } from './audit/writer.ts';
import type { Db } from './db/connect.ts';
import type { Keys } from './security/keys.ts';

export interface AppContext {
  /** The primary: every write, and every read inside a write. */
  db: Db;
  /**
   * Reads that may lag the primary by a moment (reports, exports, list pages): the hot standby
   * when DATABASE_READ_URL is set, otherwise the primary itself. Never written to; the HTTP
   * layer swaps in the primary while a user's own write has not been replayed yet
   * (src/http/read-routing.ts).
   */
  readDb: Db;
  keys: Keys;
  audit: AuditWriter;
}

export function createContext(db: Db, keys: Keys, readDb: Db = db): AppContext {
  return { db, readDb, keys, audit: new AuditWriter(keys.audit, db.dialect) };
}

/** The same context with every read on the primary (a page that must see the user's own write). */
export function onPrimary(ctx: AppContext): AppContext {
  return ctx.readDb === ctx.db ? ctx : { ...ctx, readDb: ctx.db };
}

export const nowIso = (): string => new Date().toISOString();

/** Today's date in China (UTC+8), as the office reads it. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
