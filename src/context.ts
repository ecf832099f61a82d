// What every use case needs: the database, the keys and the audit writer.
import { CheckpointLog } from './audit/checkpoint-log.ts';
import { AuditWriter } from './audit/writer.ts';
import type { Db } from './db/connect.ts';
import type { AuditKeyring } from './security/audit-keys.ts';
import type { Keys } from './security/keys.ts';

export interface AppContext {
  db: Db;
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

export function createContext(db: Db, keys: Keys, audit: AuditSetup): AppContext {
  const checkpoints = new CheckpointLog(db, audit.keyring, audit.checkpointFiles, audit.warn);
  return {
    db,
    keys,
    auditKeys: audit.keyring,
    audit: new AuditWriter(audit.keyring, db.dialect, () => checkpoints.request()),
    checkpoints,
  };
}

export const nowIso = (): string => new Date().toISOString();

/** Today's date in China (UTC+8), as the office reads it. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
