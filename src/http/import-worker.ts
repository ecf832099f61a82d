// Runs one import in a worker thread with its own database connection, so that a long
// import never blocks the server's other requests (better-sqlite3 is synchronous).
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../db/connect.ts';
import { IMPORT_COMMIT_PHASE } from '../common/exchange.ts';
import { importConnection } from '../domain/exchange/import-owner.ts';
import { AppError } from '../errors.ts';
import { CommitGate } from './import-gate.ts';
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
  /** The job's commit gate (import-gate.ts), shared with the server. */
  gate: SharedArrayBuffer;
}

export type ImportWorkerMessage =
  | { kind: 'progress'; phase: string; table: string | null; done: number; total: number }
  | { kind: 'result'; result: Awaited<ReturnType<typeof importWorkbook>> }
  | { kind: 'error'; message: string };

async function run(): Promise<void> {
  const data = workerData as ImportWorkerData;
  const db = connect(data.databaseUrl, {
    schema: data.databaseSchema,
    ...importConnection(data.options.owner),
  });
  const post = (m: ImportWorkerMessage) => parentPort?.postMessage(m);
  const gate = new CommitGate(data.gate);
  try {
    const ctx = createContext(db, keysFromHex(data.keyHex), {
      keyring: AuditKeyring.parse(data.audit.keyring, '（导入进程）'),
      checkpointFiles: data.audit.checkpointFiles,
    });
    const result = await importWorkbook(ctx, {
      ...data.options,
      onProgress: (p) => post({ kind: 'progress', ...p }),
      beforeCommit: async () => {
        if (!gate.enterCommit()) throw new AppError('CONFLICT', '导入已取消，未写入任何数据');
        post({ kind: 'progress', phase: IMPORT_COMMIT_PHASE, table: null, done: 0, total: 0 });
      },
      afterCommit: () => gate.committed(),
    });
    await ctx.checkpoints.settle();
    gate.end();
    post({ kind: 'result', result });
  } catch (e) {
    gate.end();
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  } finally {
    await db.close();
  }
}

void run();
