// Import jobs started from the web: each runs in a worker thread and reports progress. Uploads
// go to a private folder per job under the import root (import-folder.ts): the worker deletes
// the files as soon as it has read them, the folder goes when the job ends however it ends,
// and folders left by a crashed server are swept when the next one starts. Jobs are kept in
// memory for an hour.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ImportMapping } from '../common/exchange-mapping.ts';
import { IMPORT_CANCEL_PHASE } from '../common/exchange.ts';
import type { ImportJob } from '../common/wire.ts';
import type { AppContext } from '../context.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { Principal } from '../domain/accounts/policies.ts';
import { importOwner } from '../domain/exchange/import-owner.ts';
import { createImportFolder, sweepImportFolders } from '../domain/exchange/import-folder.ts';
import { importHeapMb, importOutOfMemory } from '../domain/exchange/import-memory.ts';
import { sweepAbandonedImports } from '../domain/exchange/sweep-imports.ts';
import { lastImportBatchState } from '../db/repositories/import-slices.ts';
import { CommitGate, jobOutcome } from './import-gate.ts';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker.ts';
import { workerEntry } from '../worker-entry.ts';

interface JobEntry {
  job: ImportJob;
  ownerId: number;
  worker: Worker | null;
  /** Shared with its worker: cancelled first, it cannot commit; committing first, it cannot be cancelled. */
  gate: CommitGate;
  /** Its progress when it was cancelled. */
  stoppedAt?: ImportJob['progress'];
  finished: Promise<void>;
  endedAt: number | null;
}

export class ImportJobs {
  private readonly jobs = new Map<string, JobEntry>();

  constructor(
    private readonly deps: {
      ctx: AppContext;
      databaseUrl: string;
      databaseSchema?: string;
      root: string;
      /** Called with the importer's region when an import (not a dry run) is done. */
      onImported?: (regionCode: string) => void;
      /** A sweep after a job that failed (its slices stay, invisible, until the next start's sweep). */
      onWarning?: (message: string) => void;
    },
  ) {
    sweepImportFolders(deps.root);
  }

  /**
   * A private folder for one upload (pass it to `start` as `cleanupDir`, or remove it on
   * failure) or one export file, swept on start-up if this process dies before removing it.
   */
  folder(kind: 'upload' | 'export'): string {
    return createImportFolder(this.deps.root, kind);
  }

  start(opts: {
    principal: Principal;
    files: { path: string; name: string }[];
    dryRun: boolean;
    ignoreExtraColumns: boolean;
    /** The files are the office's own workbook, read through this mapping. */
    mapping?: ImportMapping;
    cleanupDir: string;
  }): ImportJob {
    this.prune();
    const id = crypto.randomUUID();
    const gate = new CommitGate();
    const job: ImportJob = {
      id,
      status: 'running',
      progress: { phase: '排队', table: null, done: 0, total: 0 },
      result: null,
      message: null,
      cancellable: true,
    };
    // Its worker writes the import as the job (not as the worker's thread, known only once it runs).
    const owner = importOwner(id);
    const data: ImportWorkerData = {
      gate: gate.buffer,
      databaseUrl: this.deps.databaseUrl,
      databaseSchema: this.deps.databaseSchema,
      keyHex: this.deps.ctx.keys.masterHex,
      audit: {
        keyring: this.deps.ctx.auditKeys.serialize(),
        checkpointFiles: this.deps.ctx.checkpoints.files,
      },
      options: {
        actor: { id: opts.principal.userId, name: opts.principal.username },
        paths: opts.files.map((f) => f.path),
        fileNames: opts.files.map((f) => f.name),
        dryRun: opts.dryRun,
        ignoreExtraColumns: opts.ignoreExtraColumns,
        ...(opts.mapping ? { mapping: opts.mapping } : {}),
        allowedRegions: [opts.principal.regionCode],
        workDir: opts.cleanupDir,
        discardInputs: true,
        owner,
      },
    };
    const heapMb = importHeapMb();
    const worker = new Worker(workerEntry('import-worker'), {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    const entry: JobEntry = {
      job,
      ownerId: opts.principal.userId,
      worker,
      gate,
      finished: Promise.resolve(),
      endedAt: null,
    };
    // The job ends (done, failed or cancelled) only once its worker has exited, its folder is gone
    // and what it left is swept: a job shown as ended has nothing of it left to remove.
    entry.finished = new Promise<void>((resolve) => {
      let result: ImportJob['result'] = null;
      let failure: string | null = null;
      worker.on('message', (m: ImportWorkerMessage) => {
        if (gate.state === 'cancelled') return;
        if (m.kind === 'progress')
          job.progress = { phase: m.phase, table: m.table, done: m.done, total: m.total };
        if (m.kind === 'result') result = m.result;
        if (m.kind === 'error') failure = `导入失败：${m.message}`;
      });
      worker.on('error', (e) => {
        const outOfMemory = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        failure = `导入失败：${outOfMemory ? importOutOfMemory(heapMb) : e.message}`;
      });
      /** What the job came to, once its worker has exited and its slices are swept. */
      const outcome = async (): Promise<void> => {
        const gateState = gate.state;
        const ended = jobOutcome({
          gate: gateState,
          result: result !== null,
          failure,
          // Let commit without saying it had committed: its batch tells whether it was published.
          ...(gateState === 'committing'
            ? { batch: await lastImportBatchState(this.deps.ctx.db.kysely, owner).catch(() => null) }
            : {}),
        });
        job.status = ended.status;
        job.message = ended.message;
        if (ended.status === 'done') job.result = result;
        // Where it was stopped.
        if (ended.status === 'cancelled') job.progress = entry.stoppedAt ?? job.progress;
      };
      worker.on('exit', () => {
        fs.rmSync(opts.cleanupDir, { recursive: true, force: true });
        entry.worker = null;
        void (async () => {
          try {
            // A worker terminated (cancelled) or dead mid-way leaves the slices it wrote: remove them.
            await sweepAbandonedImports(this.deps.ctx, { owner }).catch((e: unknown) =>
              this.deps.onWarning?.(
                `导入任务 ${id} 结束后未能清除其分片：${e instanceof Error ? e.message : String(e)}（下次启动时清除）`,
              ),
            );
            await outcome();
            if (job.status === 'done' && !opts.dryRun) this.deps.onImported?.(opts.principal.regionCode);
          } finally {
            if (job.status === 'running') {
              job.status = 'failed';
              job.message = '导入进程意外退出，未写入任何数据';
            }
            entry.endedAt = Date.now();
            resolve();
          }
        })();
      });
    });
    this.jobs.set(id, entry);
    return job;
  }

  get(id: string, principal: Principal): ImportJob {
    const entry = this.jobs.get(id);
    if (!entry) throw notFound('导入任务');
    if (entry.ownerId !== principal.userId) throw forbidden('无权查看该导入任务');
    return this.view(entry);
  }

  /** The job as its user sees it: cancellable while its worker runs and has not begun to commit. */
  private view(entry: JobEntry): ImportJob {
    entry.job.cancellable =
      entry.job.status === 'running' && entry.worker !== null && entry.gate.state === 'running';
    return entry.job;
  }

  /**
   * Stops a running job: its worker is terminated, which rolls back the transaction it had begun;
   * on exit its folder is removed and the slices it wrote are swept (nothing of it was visible).
   * The commit gate decides a race with the worker's commit: a job that began to commit is past
   * cancelling (refused, 409). A job that has its outcome or has ended is returned as it ends.
   */
  async cancel(id: string, principal: Principal): Promise<ImportJob> {
    const entry = this.jobs.get(id);
    if (!entry) throw notFound('导入任务');
    if (entry.ownerId !== principal.userId) throw forbidden('无权取消该导入任务');
    // A worker that has exited (its slices being swept) is past cancelling: it ends as it ended.
    const found = entry.worker ? entry.gate.cancel() : 'ended';
    if ((found === 'committing' || found === 'committed') && entry.job.status === 'running')
      throw new AppError('CONFLICT', '导入正在提交，已无法取消；请稍候查看导入结果');
    if (found === 'running') {
      entry.stoppedAt = entry.job.progress;
      entry.job.progress = { ...entry.job.progress, phase: IMPORT_CANCEL_PHASE };
      await entry.worker?.terminate();
    }
    await entry.finished;
    return this.view(entry);
  }

  /** Waits for a job to end (tests and shutdown). */
  async settled(id: string): Promise<void> {
    await this.jobs.get(id)?.finished;
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((e) => e.finished));
  }

  private prune(): void {
    const hourAgo = Date.now() - 3600_000;
    for (const [id, e] of this.jobs) if (e.endedAt !== null && e.endedAt < hourAgo) this.jobs.delete(id);
  }
}
