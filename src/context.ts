// What every use case needs: the database, the keys and the audit writer.
import { AuditWriter } from './audit/writer.ts';
import type { Db } from './db/connect.ts';
import type { Keys } from './security/keys.ts';

export interface AppContext {
  db: Db;
  keys: Keys;
  audit: AuditWriter;
}

export function createContext(db: Db, keys: Keys): AppContext {
  return { db, keys, audit: new AuditWriter(keys.audit, db.dialect) };
}

export const nowIso = (): string => new Date().toISOString();

/** Today's date in China (UTC+8), as the office reads it. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
