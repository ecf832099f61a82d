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

export type GateState = 'running' | 'committing' | 'cancelled' | 'ended';

const NAMES: readonly GateState[] = ['running', 'committing', 'cancelled', 'ended'];

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

  /** The worker, before it reports an outcome without a commit (a dry run, a refusal, an error). */
  end(): void {
    Atomics.compareExchange(this.cell, 0, RUNNING, ENDED);
  }

  /**
   * The server: cancels the job if it is still running. Returns the state it found: 'running'
   * (now cancelled), 'committing' (too late), 'cancelled' (already) or 'ended'.
   */
  cancel(): GateState {
    return NAMES[Atomics.compareExchange(this.cell, 0, RUNNING, CANCELLED)] ?? 'running';
  }
}
