// Writes an import's new people without holding other users up, however large it is
// (issue 8; docs/import.md "导入不阻塞他人"), and while the check is still reading (issue 10):
// 1. Slices: the new people, SLICE_BATCHES × 1,000 at a time, each slice its own short
//    transaction with its audit events. The people are marked with the import's id and their
//    placements go to import_placements, so no list, report, look-up or count sees them yet.
//    A slice is written as soon as the check has staged its batches (`SlicePipeline.add`), so
//    the check's reading, parsing, hashing and encryption go on between slices instead of
//    waiting for them; the rest after the check. A slice starts no sooner than SLICE_PAUSE_MS
//    after the previous one ended, so that a login or another write waiting for the lock gets
//    it (SQLite's busy handler polls at most every 100 ms); the check only reads meanwhile.
// 2. Final: one transaction applies the small sheets and the corrections, publishes the slices
//    (one INSERT … SELECT into placements and one UPDATE of the import's row), raises the report
//    versions, then locks the audit chain and records its audit events and `import.run`.
// Every transaction first (the final one: after its writes, before its audit events — see
// `guarded`) checks that nobody changed the import's counties since the check
// began: no audit event in them since then but the import's own slice events. The counties are
// those the check has met so far (a slice written during the check) or all of them (the final
// transaction), each time counted from the check's start, so a county met late is still checked
// over the whole import. If somebody did, the import is refused.
// If the check finds an error, or anything fails, the slices are removed again (abandonImport);
// a crash leaves the import 'applying', and the start-up sweep (sweep-imports.ts) removes it.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import type { Actor, AuditEventInput } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { changesSince, lockChain } from '../../db/repositories/audit.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  beginSlice,
  clearStagedPlacements,
  createImportBatch,
  finishImportBatch,
  publishImportBatch,
  removeSliceRows,
  stagedPlacementCount,
} from '../../db/repositories/import-slices.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import type { SlicedBatch } from './staging.ts';

/** Batches (of 1,000 people) per slice. */
export const SLICE_BATCHES = 10;
/** Pause after each slice: longer than SQLite's longest busy-handler sleep (100 ms). */
export const SLICE_PAUSE_MS = 150;
/**
 * The same on PostgreSQL: a waiter queued for the chain's lock gets it before the import's next
 * slice asks again (PostgreSQL grants locks in the order asked), so a short yield suffices; 150 ms
 * per slice was a quarter of a million-person import's time there.
 */
export const SLICE_PAUSE_MS_POSTGRES = 20;
/** Rows removed per transaction when a failed import's slices (people and placements) are taken away. */
const REMOVE_ROWS = 10_000;
/**
 * Staged placements removed per transaction once the import is published: rows of one table with
 * two indexes, far cheaper to delete than a slice is to write, so five slices' worth a time (a
 * 1,000,000-person import: 20 pauses instead of 100). On PostgreSQL deleting locks only the removed
 * rows, which nobody else reads (an import's invisible people, its unlogged staged placements), so
 * larger steps hold no one up there (10,000 at a time was a minute after a million-person import).
 */
const REMOVE_PUBLISHED_ROWS = 50_000;
const REMOVE_ROWS_POSTGRES = 200_000;

/** Who writes an import: a sweep leaves the imports of a live owner alone. */
export function importOwner(thread: number = threadId): string {
  return `${os.hostname()}/${process.pid}/${thread}`;
}

export interface SliceTiming {
  slices: number;
  /** Of which written while the check was still reading. */
  slicesDuringCheck: number;
  longestSliceMs: number;
  /** The final transaction, from its start to its last statement (the commit not included). */
  finalMs: number;
  /** Of which publishing the slices (copying the staged placements). */
  publishMs: number;
}

export interface SliceOptions {
  ctx: AppContext;
  actor: Actor;
  /** The chain's head when the check began: later changes in the import's counties refuse it. */
  checkedAfter: number;
  /** The import's counties known so far (all of them once the check is over). */
  regions: () => string[];
  /** Batches per slice (default SLICE_BATCHES; tests use smaller slices). */
  sliceBatches?: number;
  /** Runs after each slice (tests use it to act between slices). */
  afterSlice?: (slice: number) => Promise<void>;
}

export interface FinishOptions {
  /** Slices written so far and slices in all, after the check. */
  onSlice?: (done: number, total: number) => void;
  /**
   * The final transaction's own writes (small sheets, corrections, report versions), before the
   * audit chain is locked: no audit event may be recorded here — keep them for `finish`.
   */
  final: (trx: Executor) => Promise<void>;
  /** The final transaction's audit events (the import's own last), given the timings, once the chain is locked. */
  finish: (trx: Executor, timing: SliceTiming) => Promise<void>;
}

const pauseMs = (ctx: AppContext): number =>
  ctx.db.dialect === 'postgres' ? SLICE_PAUSE_MS_POSTGRES : SLICE_PAUSE_MS;

/** PostgreSQL ended a deadlock by failing this transaction. */
const isDeadlock = (e: unknown): boolean => (e as { code?: unknown }).code === '40P01';

const conflict = () =>
  new AppError('CONFLICT', '导入校验期间，这些行政区划的数据已被他人修改；未写入任何数据，请重新导入');

/** The new people of one import, written in slices from the check on (see the top of this file). */
export class SlicePipeline {
  readonly timing: SliceTiming = {
    slices: 0,
    slicesDuringCheck: 0,
    longestSliceMs: 0,
    finalMs: 0,
    publishMs: 0,
  };
  private importId: number | null = null;
  private queue: SlicedBatch[] = [];
  /** Audit events the slices wrote, by county: they are no one else's change. */
  private readonly own = new Map<string, number>();
  private readonly perSlice: number;
  private pauseUntil = 0;
  private checking = true;
  private stopped = false;
  /** The slice being written while the check goes on, and how it failed. */
  private writing: Promise<void> | null = null;
  private failure: unknown = null;
  private onSlice: ((done: number, total: number) => void) | undefined;

  constructor(private readonly o: SliceOptions) {
    this.perSlice = Math.max(1, o.sliceBatches ?? SLICE_BATCHES);
  }

  /**
   * Takes one batch of new people from the check; starts writing a slice once enough are waiting.
   * The slice is written meanwhile (its pause included): the check goes on, and waits only when a
   * second slice is full before the first is written.
   */
  async add(batch: SlicedBatch): Promise<void> {
    if (this.stopped) return;
    if (this.failure !== null) throw this.failure;
    this.queue.push(batch);
    if (this.queue.length >= 2 * this.perSlice) await this.settle();
    if (this.queue.length >= this.perSlice && this.writing === null) {
      this.writing = this.writeSlice().then(
        () => {
          this.writing = null;
        },
        (e: unknown) => {
          this.writing = null;
          this.failure ??= e;
        },
      );
    }
  }

  /** Waits for the slice being written; rethrows its failure. */
  private async settle(): Promise<void> {
    while (this.writing !== null) await this.writing;
    if (this.failure !== null) throw this.failure;
  }

  /** The check found an error (or it is a dry run): nothing more is written. */
  stop(): void {
    this.stopped = true;
    this.queue = [];
  }

  /**
   * After a successful check: writes the remaining slices, then the final transaction. On any
   * failure the import's slices are removed and the error rethrown.
   */
  async finish(f: FinishOptions): Promise<SliceTiming> {
    this.onSlice = f.onSlice;
    const { ctx } = this.o;
    try {
      await this.settle();
      this.checking = false;
      this.onSlice?.(this.timing.slices, this.timing.slices + Math.ceil(this.queue.length / this.perSlice));
      while (this.queue.length > 0) await this.writeSlice();
      await this.pause();
      const finalStarted = performance.now();
      await this.guardedFinal(
        async (trx) => {
          await f.final(trx);
          const publishStarted = performance.now();
          if (this.importId !== null)
            await publishImportBatch(trx, this.importId, nowIso(), this.timing.slices);
          this.timing.publishMs = performance.now() - publishStarted;
          this.timing.finalMs = performance.now() - finalStarted;
        },
        (trx) => f.finish(trx, this.timing),
      );
    } catch (e) {
      await this.abandon(e);
      throw e;
    }
    // The import is published: clearing its staging rows is housekeeping. If it fails, the
    // start-up sweep clears them; the import itself succeeded.
    if (this.importId !== null) await drainImport(ctx, this.importId, false).catch(() => undefined);
    return this.timing;
  }

  /** Removes the slices written so far (the check failed, or the import did); none: nothing to do. */
  async abandon(why: unknown): Promise<void> {
    this.stop();
    await this.settle().catch(() => undefined);
    const importId = this.importId;
    if (importId === null) return;
    this.importId = null;
    const reason = why instanceof Error ? why.message : String(why);
    // If even this fails (the database gone), the import stays 'applying' for the sweep.
    await abandonImport(this.o.ctx, this.o.actor, importId, reason, this.o.regions()[0] ?? null).catch(
      () => undefined,
    );
  }

  private async pause(): Promise<void> {
    const wait = this.pauseUntil - performance.now();
    if (wait > 0) await sleep(wait);
  }

  /**
   * One transaction of the import: the audit chain locked and the counties checked, then `work`.
   * With `last` (the final transaction), `work` runs first and the chain is locked and the
   * counties checked only after it, before `last` records the audit events: on PostgreSQL the
   * final transaction's publication (20–30 s for a million people) then holds no lock that
   * another user's audited write or login waits for — the chain is one row, locked by every
   * audit event — and a change to the counties committed meanwhile is still found (the check
   * reads what is committed when it runs, and later writers wait for the chain) and refuses the
   * import. On SQLite the transaction holds the write lock throughout either way.
   */
  private guarded(
    work: (trx: Executor) => Promise<void>,
    last?: (trx: Executor) => Promise<void>,
  ): Promise<void> {
    const { ctx } = this.o;
    const lockAndCheck = async (trx: Executor) => {
      await lockChain(trx, ctx.db.dialect);
      const regions = this.o.regions();
      const own = regions.reduce((n, r) => n + (this.own.get(r) ?? 0), 0);
      if ((await changesSince(trx, this.o.checkedAfter, regions)) > own) throw conflict();
    };
    return ctx.db.kysely.transaction().execute(async (trx) => {
      if (!last) {
        await lockAndCheck(trx);
        await work(trx);
        return;
      }
      await work(trx);
      await lockAndCheck(trx);
      await last(trx);
    });
  }

  /**
   * The final transaction, refused as a conflict when it failed on another user's write in its
   * counties: its writes now run before the check, so a unit created meanwhile with a code the
   * import creates meets the unique index, and a writer holding the chain while it waits for a row
   * the import wrote makes a deadlock that PostgreSQL ends by failing one of the two — either way
   * the counties changed since the check, which is what the import says.
   */
  private async guardedFinal(
    work: (trx: Executor) => Promise<void>,
    last: (trx: Executor) => Promise<void>,
  ): Promise<void> {
    try {
      await this.guarded(work, last);
    } catch (e) {
      // A deadlock: the other writer held the chain and waited for a row of the import's counties.
      if (isDeadlock(e)) throw conflict();
      if (!isUniqueViolation(e)) throw e;
      const regions = this.o.regions();
      const own = regions.reduce((n, r) => n + (this.own.get(r) ?? 0), 0);
      if ((await changesSince(this.o.ctx.db.kysely, this.o.checkedAfter, regions).catch(() => 0)) > own)
        throw conflict();
      throw e;
    }
  }

  private async writeSlice(): Promise<void> {
    const slice = this.queue.splice(0, this.perSlice);
    await this.pause();
    const { ctx } = this.o;
    const started = performance.now();
    this.importId ??= await createImportBatch(ctx.db.kysely, {
      owner: importOwner(),
      regionCodes: this.o.regions(),
      at: nowIso(),
    });
    const importId = this.importId;
    const events: AuditEventInput[] = [];
    await this.guarded(async (trx) => {
      await beginSlice(trx, importId, nowIso());
      for (const b of slice) await b.write(trx, importId, b.data, { add: (e) => events.push(e) });
      await ctx.audit.recordMany(trx, this.o.actor, events);
    });
    for (const e of events)
      if (e.regionCode !== null) this.own.set(e.regionCode, (this.own.get(e.regionCode) ?? 0) + 1);
    this.timing.slices += 1;
    if (this.checking) this.timing.slicesDuringCheck += 1;
    this.timing.longestSliceMs = Math.max(this.timing.longestSliceMs, performance.now() - started);
    this.pauseUntil = performance.now() + pauseMs(ctx);
    this.onSlice?.(this.timing.slices, this.timing.slices + Math.ceil(this.queue.length / this.perSlice));
    await this.o.afterSlice?.(this.timing.slices);
  }
}

/**
 * Ends an import that will not be published: marks it failed (so nothing can publish it any
 * more), records why and how many people its slices wrote, then removes them. False if the
 * import was no longer 'applying'.
 */
export async function abandonImport(
  ctx: AppContext,
  actor: Actor,
  importId: number,
  reason: string,
  regionCode: string | null = null,
): Promise<boolean> {
  const marked = await ctx.db.kysely.transaction().execute(async (trx) => {
    const people = await stagedPlacementCount(trx, importId);
    if (!(await finishImportBatch(trx, importId, 'failed', nowIso()))) return false;
    await ctx.audit.record(trx, actor, {
      action: 'import.abort',
      entityType: 'import',
      entityId: importId,
      regionCode,
      summary: `导入未完成（${reason}），撤销其已分片写入、尚未生效的 ${people} 名人员`,
      payload: { before: { importId, people }, after: null },
    });
    return true;
  });
  await drainImport(ctx, importId, true);
  return marked;
}

/**
 * Removes what an import's slices left, in short transactions: its staged placements (once
 * published: all at once if no other import has any, else REMOVE_PUBLISHED_ROWS a time) and, for
 * an import never published (`withPeople`), its people (REMOVE_ROWS a time, placements too); on
 * PostgreSQL REMOVE_ROWS_POSTGRES a time either way.
 */
export async function drainImport(ctx: AppContext, importId: number, withPeople: boolean): Promise<void> {
  // Published, and the only import with staged rows: all of them at once (clearStagedPlacements).
  if (
    !withPeople &&
    (await ctx.db.kysely.transaction().execute((trx) => clearStagedPlacements(trx, importId)))
  )
    return;
  const limit =
    ctx.db.dialect === 'postgres' ? REMOVE_ROWS_POSTGRES : withPeople ? REMOVE_ROWS : REMOVE_PUBLISHED_ROWS;
  for (;;) {
    const removed = await ctx.db.kysely
      .transaction()
      .execute((trx) => removeSliceRows(trx, importId, limit, withPeople));
    if (removed.placements + removed.people === 0) return;
    await sleep(pauseMs(ctx));
  }
}
