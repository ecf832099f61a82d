// The commit gate of an import job (ImportJobs): one cell of memory shared by the server and the
// job's worker thread, so that "cancel" and "commit" are decided without a message between them.
// The worker's final transaction enters the gate as its last statement; a job cancelled first can
// no longer commit (the worker rolls back), and a job that entered first can no longer be
// cancelled. A round trip of messages would not do: on SQLite the worker holds the write lock while
// it waits, and the server's thread, waiting for that lock in a synchronous better-sqlite3 call
// (a login), could not answer — both would wait for busy_timeout.

const RUNNING = 0;
const COMMITTING = 1;
const CANCELLED = 2;
const ENDED = 3;
const COMMITTED = 4;

export type GateState = 'running' | 'committing' | 'cancelled' | 'ended' | 'committed';

const NAMES: readonly GateState[] = ['running', 'committing', 'cancelled', 'ended', 'committed'];

export class CommitGate {
  private readonly cell: Int32Array;

  /** A new gate (the server), or the worker's view of the server's (`buffer` from workerData). */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.cell = new Int32Array(buffer);
  }

  get state(): GateState {
    return NAMES[Atomics.load(this.cell, 0)] ?? 'running';
  }

  /** The worker, in its final transaction: true if it may commit, false if the job was cancelled. */
  enterCommit(): boolean {
    return Atomics.compareExchange(this.cell, 0, RUNNING, COMMITTING) === RUNNING;
  }

  /**
   * The worker, once its final transaction has committed. (Committing without committed: the
   * commit failed and rolled back — or, in a moment too short to matter, the worker died between.)
   */
  committed(): void {
    Atomics.compareExchange(this.cell, 0, COMMITTING, COMMITTED);
  }

  /** The worker, before it reports an outcome without a commit (a dry run, a refusal, an error). */
  end(): void {
    Atomics.compareExchange(this.cell, 0, RUNNING, ENDED);
  }

  /**
   * The server: cancels the job if it is still running. Returns the state it found: 'running'
   * (now cancelled), 'committing' or 'committed' (too late), 'cancelled' (already) or 'ended'.
   */
  cancel(): GateState {
    return NAMES[Atomics.compareExchange(this.cell, 0, RUNNING, CANCELLED)] ?? 'running';
  }
}

/** What an import job came to, once its worker has exited and what it left is swept. */
export interface JobOutcome {
  status: 'done' | 'failed' | 'cancelled';
  message: string | null;
}

/**
 * Decides a job's outcome from its gate, what its worker reported and — when it was let commit
 * but did not say it had — the state of its import batch (`batch`: null when it wrote none, an
 * import without new people; undefined when not looked up).
 */
export function jobOutcome(o: {
  gate: GateState;
  result: boolean;
  failure: string | null;
  batch?: 'applying' | 'done' | 'failed' | null;
}): JobOutcome {
  if (o.gate === 'cancelled') return { status: 'cancelled', message: '导入已取消，未写入任何数据' };
  if (o.result && o.failure === null) return { status: 'done', message: null };
  // Let commit, then no result: committed and a later step (statistics, the audit checkpoint)
  // failed — or the commit itself failed and rolled back. The worker says which; if it died
  // before it could, its batch does.
  const written = o.gate === 'committed' || (o.gate === 'committing' && o.batch === 'done');
  if (written)
    return {
      status: 'done',
      message: `导入的数据已全部写入，但其后的步骤未完成：${o.failure ?? '导入进程意外退出'}`,
    };
  return { status: 'failed', message: o.failure ?? '导入进程意外退出，未写入任何数据' };
}
