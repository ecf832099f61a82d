// What every use case needs: the database, the keys and the audit writer.
import { CheckpointLog } from './audit/checkpoint-log.ts';
import { AuditWriter } from './audit/writer.ts';
import type { Db } from './db/connect.ts';
import type { AuditKeyring } from './security/audit-keys.ts';
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
  /** Field encryption (身份证号), from the master key. */
  keys: Keys;
  /** The audit chain's own keys (BIANZHI_AUDIT_KEY_FILE), independent of the master key. */
  auditKeys: AuditKeyring;
  audit: AuditWriter;
  checkpoints: CheckpointLog;
}

export interface AuditSetup {
  keyring: AuditKeyring;
  /** Checkpoint files: the one beside the audit key, then any external sink. */
  checkpointFiles: string[];
  warn?: (message: string) => void;
}

export function createContext(db: Db, keys: Keys, audit: AuditSetup, readDb: Db = db): AppContext {
  const checkpoints = new CheckpointLog(db, audit.keyring, audit.checkpointFiles, audit.warn);
  return {
    db,
    readDb,
    keys,
    auditKeys: audit.keyring,
    audit: new AuditWriter(audit.keyring, db.dialect, () => checkpoints.request()),
    checkpoints,
  };
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
