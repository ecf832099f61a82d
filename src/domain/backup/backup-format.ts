// The backup file: gzip-compressed JSON lines, the same for SQLite and PostgreSQL. Line 1 is the
// header (format, migrations, the audit checkpoint, every table with its columns and row count);
// then, per table, a {"table": name} line followed by one JSON array of values per row; the last
// line is {"end": true}, so that a file cut short is refused. Binary values are {"b64": "…"}.
import type { Checkpoint } from '../../audit/checkpoint.ts';

export const BACKUP_FORMAT = 'bianzhi-backup';
export const BACKUP_VERSION = 1;

export interface BackupTable {
  name: string;
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  source: { dialect: string; identity: string };
  migrations: string[];
  /** The audit chain's head in this backup, signed with the audit key. */
  checkpoint: Checkpoint;
  tables: BackupTable[];
}

export function encodeValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return { b64: Buffer.from(v).toString('base64') };
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v ?? null;
}

export function decodeValue(v: unknown, target: 'sqlite' | 'postgres'): unknown {
  if (typeof v === 'object' && v !== null && 'b64' in v && typeof v.b64 === 'string') {
    return Buffer.from(v.b64, 'base64');
  }
  if (typeof v === 'boolean' && target === 'sqlite') return v ? 1 : 0;
  return v;
}

export function parseHeader(line: string | undefined): BackupHeader {
  let v: unknown;
  try {
    v = JSON.parse(line ?? '');
  } catch {
    v = null;
  }
  const h = v as Partial<BackupHeader> | null;
  if (!h || h.format !== BACKUP_FORMAT) throw new Error('不是编制系统的备份文件');
  if (h.version !== BACKUP_VERSION) throw new Error(`备份文件版本 ${String(h.version)} 不受支持`);
  if (!Array.isArray(h.tables) || !Array.isArray(h.migrations) || !h.checkpoint) {
    throw new Error('备份文件头不完整');
  }
  return h as BackupHeader;
}
