// Runs report computations off the event loop, in a worker thread with its own connection:
// better-sqlite3 is synchronous, and even on PostgreSQL combining tens of thousands of unit
// rows in JavaScript would hold the server's event loop for hundreds of milliseconds.
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.ts';
import type { ReportJobs } from '../domain/reports/report-service.ts';
import type { ReportReply, ReportRequest, ReportWorkerData } from './report-worker.ts';
import { workerEntry } from '../worker-entry.ts';

export interface ReportRunner extends ReportJobs {
  /** The same jobs computed on the primary (with a standby: the user's own write not replayed yet). */
  onPrimary: ReportJobs;
  close(): Promise<void>;
}

class WorkerRunner implements ReportRunner {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly data: ReportWorkerData) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry('report-worker'), {
      workerData: this.data,
    });
    worker.on('message', (reply: ReportReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (reply.ok) w.resolve(reply.result);
      else if (reply.code) w.reject(new AppError(reply.code as ErrorCode, reply.message));
      else w.reject(new Error(reply.message));
    });
    const failAll = (e: Error) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
      this.worker = null;
    };
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error('报表计算进程已退出')));
    // Idle, the worker does not keep the process alive; a job waiting for its reply does (below):
    // unreferenced throughout, a shutdown waiting for the checkpoint being built (or a command
    // waiting for its report) found nothing left to keep it running and Node exited with code 13.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private call<T>(job: keyof ReportJobs, args: Record<string, string>, primary = false): Promise<T> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: (v) => resolve(v as T), reject });
      worker.ref();
      worker.postMessage({ id, job, args, primary } satisfies ReportRequest);
    });
  }

  summary: ReportJobs['summary'] = (args) => this.call('summary', args);
  basic: ReportJobs['basic'] = (args) => this.call('basic', args);
  counties: ReportJobs['counties'] = (args) => this.call('counties', args);
  history: ReportJobs['history'] = (args) => this.call('history', args);
  window: ReportJobs['window'] = (args) => this.call('window', args);
  onPrimary: ReportJobs = {
    summary: (args) => this.call('summary', args, true),
    basic: (args) => this.call('basic', args, true),
    counties: (args) => this.call('counties', args, true),
    history: (args) => this.call('history', args, true),
    window: (args) => this.call('window', args, true),
  };

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

export function createReportRunner(data: ReportWorkerData): ReportRunner {
  return new WorkerRunner(data);
}
