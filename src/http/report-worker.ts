// A worker thread that computes reports on its own database connection, so that a heavy
// report never blocks the server's event loop (better-sqlite3 is synchronous). With a hot
// standby (DATABASE_READ_URL) it reads the standby, and the primary only when asked to (the
// user's own write not replayed yet) or while the standby does not answer.
import { parentPort, workerData } from 'node:worker_threads';
import { connect, type Db } from '../db/connect.ts';
import { inProcessJobs, type ReportJobs } from '../domain/reports/report-service.ts';

export interface ReportWorkerData {
  databaseUrl: string;
  databaseSchema?: string;
  /** The hot standby; reports are computed there unless a request asks for the primary. */
  databaseReadUrl?: string;
}

export type ReportRequest = {
  id: number;
  job: keyof ReportJobs;
  args: Record<string, string>;
  /** Compute on the primary (the user's own write is not on the standby yet). */
  primary?: boolean;
};
export type ReportReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string; code?: string };

type Jobs = Record<string, (args: Record<string, string>) => Promise<unknown>>;

const data = workerData as ReportWorkerData;

/**
 * A first report's fresh aggregate rows are stored after its reply is posted (setImmediate runs
 * after the reply's microtasks), one store at a time; every job waits for the stores queued before
 * it, so a report never misses a row an earlier one computed. A failed store is dropped: the rows
 * are computed again next time.
 */
let storing: Promise<unknown> = Promise.resolve();
const storeLater = (store: () => Promise<unknown>) => {
  storing = storing
    .then(() => new Promise((resolve) => setImmediate(resolve)))
    .then(store)
    .catch(() => undefined);
};
let primary: { db: Db; jobs: Jobs } | null = null;
function onPrimary(): { db: Db; jobs: Jobs } {
  if (!primary) {
    const db = connect(data.databaseUrl, { schema: data.databaseSchema });
    primary = { db, jobs: inProcessJobs(db.kysely, { storeLater }) as unknown as Jobs };
  }
  return primary;
}
const standby = data.databaseReadUrl
  ? (() => {
      const db = connect(data.databaseReadUrl, { schema: data.databaseSchema, connectTimeoutMs: 3000 });
      // Aggregates computed here are stored on the primary (the standby is read-only).
      const jobs = inProcessJobs(db.kysely, { storeAggregatesIn: onPrimary().db.kysely, storeLater });
      return { db, jobs: jobs as unknown as Jobs };
    })()
  : null;

/** The standby cannot be reached (as opposed to a query that failed): fall back to the primary. */
function unreachable(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return /timeout|terminated|connect/i.test(String(e));
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code) ||
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P03'
  );
}

async function run(req: ReportRequest): Promise<unknown> {
  if (!standby || req.primary) {
    const job = onPrimary().jobs[req.job];
    if (!job) throw new Error(`未知的报表任务 ${req.job}`);
    return job(req.args);
  }
  const job = standby.jobs[req.job];
  if (!job) throw new Error(`未知的报表任务 ${req.job}`);
  try {
    return await job(req.args);
  } catch (e) {
    if (!unreachable(e)) throw e;
    const fallback = onPrimary().jobs[req.job];
    if (!fallback) throw e;
    return fallback(req.args);
  }
}

parentPort?.on('message', (req: ReportRequest | 'close') => {
  if (req === 'close') {
    void Promise.all([standby?.db.close(), primary?.db.close()]).then(() => parentPort?.close());
    return;
  }
  storing
    .then(() => run(req))
    .then(
      (result) => parentPort?.postMessage({ id: req.id, ok: true, result } satisfies ReportReply),
      (e: unknown) => {
        const err = e as { message?: string; code?: string };
        parentPort?.postMessage({
          id: req.id,
          ok: false,
          message: err.message ?? String(e),
          code: err.code,
        } satisfies ReportReply);
      },
    );
});
