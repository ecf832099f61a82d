// Who writes an import, and how its database connections are known: the sweep (sweep-imports.ts)
// leaves a live owner's imports alone, and before it removes the slices of an owner that is gone
// (a terminated worker, a crashed process) it ends that owner's PostgreSQL connections — a
// statement the server still runs for it (the final transaction publishing a slice) would
// otherwise hold the rows the sweep deletes, and PostgreSQL would end one of the two as a deadlock.
import crypto from 'node:crypto';
import os from 'node:os';
import { threadId } from 'node:worker_threads';
import type { ConnectOptions } from '../../db/connect.ts';
import { IMPORT_CONNECTION } from './import-memory.ts';

/**
 * Tells this process from another with the same host name and process id (two containers on the
 * host's network, each its own pid 1): a sweep must never end the other's connections. A worker
 * thread has its own copy of this module: the server passes it its job's owner.
 */
const PROCESS_NONCE = crypto.randomBytes(6).toString('hex');

/**
 * The owner of imports written by this thread (or by the server's import job `writer`):
 * host/pid/writer/nonce (the sweep reads host and pid).
 */
export function importOwner(writer: number | string = threadId): string {
  return `${os.hostname()}/${process.pid}/${writer}/${PROCESS_NONCE}`;
}

/**
 * The PostgreSQL application_name of an owner's connections (63 bytes at most, so a digest of
 * the owner rather than the owner, whose host name may be long).
 */
export function importConnectionName(owner: string): string {
  return `bianzhi-import-${crypto.createHash('sha256').update(owner).digest('hex').slice(0, 24)}`;
}

/** How the connection of an import written by this thread is opened (the server's worker, the CLI, the bench). */
export function importConnection(owner: string = importOwner()): ConnectOptions {
  return { ...IMPORT_CONNECTION, applicationName: importConnectionName(owner) };
}
