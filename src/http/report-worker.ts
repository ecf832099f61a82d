// A worker thread that computes reports on its own database connection, so that a heavy
// report never blocks the server's event loop (better-sqlite3 is synchronous).
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../db/connect.ts';
import { inProcessJobs, type ReportJobs } from '../domain/reports/report-service.ts';

export interface ReportWorkerData {
  databaseUrl: string;
  databaseSchema?: string;
}

export type ReportRequest = { id: number; job: keyof ReportJobs; args: Record<string, string> };
export type ReportReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string; code?: string };

const data = workerData as ReportWorkerData;
const db = connect(data.databaseUrl, { schema: data.databaseSchema });
const jobs = inProcessJobs(db.kysely) as unknown as Record<
  string,
  (args: Record<string, string>) => Promise<unknown>
>;

parentPort?.on('message', (req: ReportRequest | 'close') => {
  if (req === 'close') {
    void db.close().then(() => parentPort?.close());
    return;
  }
  const job = jobs[req.job];
  if (!job) {
    parentPort?.postMessage({
      id: req.id,
      ok: false,
      message: `未知的报表任务 ${req.job}`,
    } satisfies ReportReply);
    return;
  }
  job(req.args).then(
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
