// Runs one import in a worker thread with its own database connection, so that a long
// import never blocks the server's other requests (better-sqlite3 is synchronous).
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../db/connect.ts';
import { importConnection } from '../domain/exchange/import-owner.ts';
import { createContext } from '../context.ts';
import { AuditKeyring } from '../security/audit-keys.ts';
import { keysFromHex } from '../security/keys.ts';
import { importWorkbook, type ImportOptions } from '../domain/exchange/import-workbook.ts';

export interface ImportWorkerData {
  databaseUrl: string;
  databaseSchema?: string;
  keyHex: string;
  /** The audit key ring (file text) and checkpoint files, so the worker's events chain and checkpoint. */
  audit: { keyring: string; checkpointFiles: string[] };
  options: Omit<ImportOptions, 'onProgress'>;
}

export type ImportWorkerMessage =
  | { kind: 'progress'; phase: string; table: string | null; done: number; total: number }
  /** Asks, in the final transaction, whether it may commit; the answer is a `CommitGranted`. */
  | { kind: 'commit?' }
  | { kind: 'result'; result: Awaited<ReturnType<typeof importWorkbook>> }
  | { kind: 'error'; message: string };

/** The parent's answer to `commit?` (a cancelled job gets none: its worker is being terminated). */
export interface CommitGranted {
  kind: 'commit';
}

/** Waits until the parent lets the final transaction commit. */
function commitGranted(post: (m: ImportWorkerMessage) => void): Promise<void> {
  return new Promise((resolve) => {
    const granted = (m: CommitGranted) => {
      if (m.kind !== 'commit') return;
      parentPort?.off('message', granted);
      resolve();
    };
    parentPort?.on('message', granted);
    post({ kind: 'commit?' });
  });
}

async function run(): Promise<void> {
  const data = workerData as ImportWorkerData;
  const db = connect(data.databaseUrl, { schema: data.databaseSchema, ...importConnection() });
  const post = (m: ImportWorkerMessage) => parentPort?.postMessage(m);
  try {
    const ctx = createContext(db, keysFromHex(data.keyHex), {
      keyring: AuditKeyring.parse(data.audit.keyring, '（导入进程）'),
      checkpointFiles: data.audit.checkpointFiles,
    });
    const result = await importWorkbook(ctx, {
      ...data.options,
      onProgress: (p) => post({ kind: 'progress', ...p }),
      beforeCommit: () => commitGranted(post),
    });
    await ctx.checkpoints.settle();
    post({ kind: 'result', result });
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  } finally {
    await db.close();
  }
}

void run();
