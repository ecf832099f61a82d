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

/** The owner of imports written by this thread (or by the worker thread `thread`): host/pid/thread. */
export function importOwner(thread: number = threadId): string {
  return `${os.hostname()}/${process.pid}/${thread}`;
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
