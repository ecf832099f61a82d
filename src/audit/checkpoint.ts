// Signed checkpoints of the audit chain's head (how many events, and the last hash), kept outside
// the database. A chain cut short, truncated or re-chained from the genesis no longer matches a
// checkpoint written before, and the checkpoint cannot be forged without the audit key.
import crypto from 'node:crypto';
import type { AuditKeyring } from '../security/audit-keys.ts';

export interface Checkpoint {
  /** Which database the chain lives in (connect.ts `identity`). */
  db: string;
  /** Position of the head: the number of the last event (0 for an empty log). */
  count: number;
  head: string;
  at: string;
  sig: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'sig'>;

function signature(keyring: AuditKeyring, c: UnsignedCheckpoint): string {
  return crypto
    .createHmac('sm3', keyring.keyFor(c.count))
    .update(['bianzhi-checkpoint', 'v1', c.db, String(c.count), c.head, c.at].join('\n'))
    .digest('hex');
}

export function signCheckpoint(keyring: AuditKeyring, c: UnsignedCheckpoint): Checkpoint {
  return { ...c, sig: signature(keyring, c) };
}

export function checkpointSignatureValid(keyring: AuditKeyring, c: Checkpoint): boolean {
  const expected = Buffer.from(signature(keyring, c), 'hex');
  const given = Buffer.from(c.sig, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export function formatCheckpoint(c: Checkpoint): string {
  return JSON.stringify({ v: 1, db: c.db, count: c.count, head: c.head, at: c.at, sig: c.sig });
}

/** Parses one line of a checkpoint file; null for a line that is not a checkpoint. */
export function parseCheckpoint(line: string): Checkpoint | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (
    o.v !== 1 ||
    typeof o.db !== 'string' ||
    typeof o.count !== 'number' ||
    !Number.isInteger(o.count) ||
    o.count < 0 ||
    typeof o.head !== 'string' ||
    typeof o.at !== 'string' ||
    typeof o.sig !== 'string'
  ) {
    return null;
  }
  return { db: o.db, count: o.count, head: o.head, at: o.at, sig: o.sig };
}

export type CheckpointProblem =
  { kind: 'malformed'; line: string } | { kind: 'bad-signature'; checkpoint: Checkpoint };

/**
 * The checkpoints of one database that the chain must match, by position. Every signed checkpoint
 * counts, not only the last line: a forged or replayed older line cannot hide a later one.
 */
export function checkpointsByPosition(
  keyring: AuditKeyring,
  db: string,
  lines: string[],
): {
  byCount: Map<number, string>;
  conflicts: number[];
  problems: CheckpointProblem[];
  latest: Checkpoint | null;
} {
  const byCount = new Map<number, string>();
  const conflicts: number[] = [];
  const problems: CheckpointProblem[] = [];
  let latest: Checkpoint | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const c = parseCheckpoint(line);
    if (!c) {
      problems.push({ kind: 'malformed', line: line.slice(0, 80) });
      continue;
    }
    if (c.db !== db) continue;
    if (!checkpointSignatureValid(keyring, c)) {
      problems.push({ kind: 'bad-signature', checkpoint: c });
      continue;
    }
    const known = byCount.get(c.count);
    if (known !== undefined && known !== c.head) conflicts.push(c.count);
    byCount.set(c.count, c.head);
    if (!latest || c.count > latest.count) latest = c;
  }
  return { byCount, conflicts, problems, latest };
}

const EXPORT_NOTE_PREFIX = '编制系统审计检查点（导出时的审计链头，HMAC-SM3 签名）：';

/** The checkpoint as carried by an export (workbook description or 审计检查点.txt). */
export function exportCheckpointNote(c: Checkpoint): string {
  return `${EXPORT_NOTE_PREFIX}${formatCheckpoint(c)}`;
}

export function checkpointFromExportNote(note: string): Checkpoint | null {
  return note.startsWith(EXPORT_NOTE_PREFIX)
    ? parseCheckpoint(note.slice(EXPORT_NOTE_PREFIX.length).trim())
    : null;
}
