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
//    (INSERT … SELECT into placements, then one UPDATE of the import's row), then locks the audit
//    chain and records its audit events, the report versions' marks and `import.run`.
//    On PostgreSQL it opens as soon as the check reaches 人员 (`openFinal`), on a connection of its
//    own: it writes the sheets checked before (their steps, no audit event), then publishes each
//    slice once it is committed, while the check goes on — both cores at work instead of the
//    database alone on one at the end (a million people: the publication is ~16 s, mostly the
//    placements' foreign-key checks). It commits only after the check, so nothing of it is visible
//    before; if the check finds an error, or anything fails, it rolls back. On SQLite it runs
//    whole after the last slice (one writer: open, it would keep the slices out).
// Every transaction first (the final one: after its writes, before its audit events — see
// `lockAndCheck`) checks that nobody changed the import's counties since the check
// began: no audit event in them since then but the import's own slice events. The counties are
// those the check has met so far (a slice written during the check) or all of them (the final
// transaction), each time counted from the check's start, so a county met late is still checked
// over the whole import. If somebody did, the import is refused.
// If the check finds an error, or anything fails, the slices are removed again (abandonImport);
// a crash leaves the import 'applying', and the start-up sweep (sweep-imports.ts) removes it.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor, AuditEventInput } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { chainHolderWaitsForUs, changesSince, lockChain } from '../../db/repositories/audit.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  beginSlice,
  cancelBackend,
  clearStagedPlacements,
  createImportBatch,
  finishImportBatch,
  limitLockWait,
  NOTHING_PUBLISHED,
  openLongTransaction,
  publishImportBatch,
  publishStaged,
  removeSliceRows,
  stagedPlacementCount,
  type Published,
} from '../../db/repositories/import-slices.ts';
import { AppError, isDeadlock, isLockNotAvailable, isUniqueViolation } from '../../errors.ts';
import { importOwner } from './import-owner.ts';
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
/**
 * PostgreSQL: how long a slice waits for a lock (the audit chain's, mostly) before the import is
 * refused. The chain is held for milliseconds by a login or a write, for long only by an operation
 * such as a key rotation. (A writer that holds it and waits for a row of the import's open final
 * transaction is found sooner: CHAIN_WATCH_MS.)
 */
export const SLICE_LOCK_TIMEOUT_MS = 15_000;

export interface SliceTiming {
  slices: number;
  /** Of which written while the check was still reading. */
  slicesDuringCheck: number;
  longestSliceMs: number;
  /**
   * The final transaction after the last slice, to its last statement (the commit not included):
   * all of it on SQLite; on PostgreSQL the part after the check (it opened earlier, `openFinal`).
   */
  finalMs: number;
  /** Of which publishing the slices (copying the staged placements) after the check. */
  publishMs: number;
  /**
   * Placements published as their slices were committed, before the final transaction's last part
   * (PostgreSQL: all of them, most while the check goes on; SQLite: none — see the top of this file).
   */
  publishedWithSlices: number;
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
  /** PostgreSQL: a slice's lock wait before the import is refused (default SLICE_LOCK_TIMEOUT_MS). */
  sliceLockTimeoutMs?: number;
  /** Who writes the import (default importOwner(): this thread). */
  owner?: string;
}

/** The final transaction's writes, none of which may record an audit event before `finish`. */
export interface FinalWrites {
  /**
   * Its first writes: the sheets checked before 人员, which new people's placements may name (on
   * PostgreSQL written while the check goes on, `openFinal`).
   */
  early: (trx: Executor) => Promise<void>;
  /** Its other writes (the other sheets, the corrections of known people), after the check. */
  late: (trx: Executor) => Promise<void>;
  /** Its audit events (the import's own last), given the timings, once the chain is locked. */
  finish: (trx: Executor, timing: SliceTiming) => Promise<void>;
}

export interface FinishOptions extends FinalWrites {
  /** Slices written so far and slices in all, after the check. */
  onSlice?: (done: number, total: number) => void;
}

const pauseMs = (ctx: AppContext): number =>
  ctx.db.dialect === 'postgres' ? SLICE_PAUSE_MS_POSTGRES : SLICE_PAUSE_MS;

const conflict = () =>
  new AppError('CONFLICT', '导入校验期间，这些行政区划的数据已被他人修改；未写入任何数据，请重新导入');

const lockTimeout = () =>
  new AppError(
    'CONFLICT',
    '导入等待他人的操作超时（可能有人正在修改这些行政区划的数据）；未写入任何数据，请稍后重新导入',
  );

/** The final transaction was rolled back on purpose (the check found an error, or the import failed). */
class FinalAborted extends Error {
  constructor() {
    super('导入未完成，最终事务已撤销');
  }
}

/**
 * How often the open final transaction, while idle, asks whether the holder of the audit chain
 * waits for it (`chainHolderWaitsForUs`): a writer that took the chain and then wants a row the
 * import wrote (a matter implemented on a unit the import corrects) would otherwise keep every
 * login and audited write waiting until the check is over. The import gives way: refused, rolled
 * back, the writer goes on.
 */
const CHAIN_WATCH_MS = 1000;

/**
 * The final transaction opened while the check goes on (PostgreSQL): a transaction on a connection
 * of its own that runs `early`, then publishes the committed slices whenever asked (`publish`),
 * until it is given its last work (`end`: it commits after it) or rolled back (`abort`).
 */
class OpenFinal {
  readonly done: Promise<void>;
  private published: Published = NOTHING_PUBLISHED;
  private publishWanted = false;
  private last: ((trx: Executor, published: Published) => Promise<void>) | null = null;
  private aborted = false;
  private wake: (() => void) | null = null;
  /** Its backend, and whether a statement of it is running (`abort` cancels that statement). */
  private pid = 0;
  private busy = false;

  constructor(
    private readonly ctx: AppContext,
    early: (trx: Executor) => Promise<void>,
    importId: () => number | null,
    fail: (e: unknown) => Promise<unknown>,
  ) {
    this.done = ctx.db.kysely
      .transaction()
      .execute(async (trx) => {
        this.busy = true;
        this.pid = await openLongTransaction(trx);
        await early(trx);
        for (;;) {
          this.busy = false;
          if (this.aborted) throw new FinalAborted();
          const id = importId();
          if (this.publishWanted && id !== null) {
            this.publishWanted = false;
            this.busy = true;
            this.published = await publishStaged(trx, id, this.published);
          } else if (this.last !== null) {
            this.busy = true;
            await this.last(trx, this.published);
            return;
          } else if (!(await this.idle()) && (await chainHolderWaitsForUs(trx))) {
            throw conflict();
          }
        }
      })
      .catch(async (e: unknown) => {
        // Rolled back on purpose: whatever it was doing (a cancelled statement) is no failure.
        if (this.aborted) throw new FinalAborted();
        throw await fail(e);
      });
  }

  /** Waits for a command (true) or CHAIN_WATCH_MS (false). */
  private idle(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, CHAIN_WATCH_MS);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve(true);
      };
    });
  }

  /** A slice was committed: publish it (and any before it not yet published). */
  publish(): void {
    this.publishWanted = true;
    this.wake?.();
  }

  /** The transaction's last work, after the slices published so far; resolves once it committed. */
  end(last: (trx: Executor, published: Published) => Promise<void>): Promise<void> {
    this.last = last;
    this.wake?.();
    return this.done;
  }

  /**
   * Rolls the transaction back (nothing of it was visible); resolves once it has. A statement it
   * is running is cancelled (it may be waiting for a lock: another import's unit, say).
   */
  async abort(): Promise<void> {
    if (!this.aborted) {
      this.aborted = true;
      this.wake?.();
      if (this.busy && this.pid !== 0)
        await cancelBackend(this.ctx.db.kysely, this.pid).catch(() => undefined);
    }
    await this.done.catch(() => undefined);
  }
}

/** The new people of one import, written in slices from the check on (see the top of this file). */
export class SlicePipeline {
  readonly timing: SliceTiming = {
    slices: 0,
    slicesDuringCheck: 0,
    longestSliceMs: 0,
    finalMs: 0,
    publishMs: 0,
    publishedWithSlices: 0,
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
  /** PostgreSQL: the final transaction, opened while the check goes on (`openFinal`). */
  private final: OpenFinal | null = null;

  constructor(private readonly o: SliceOptions) {
    this.perSlice = Math.max(1, o.sliceBatches ?? SLICE_BATCHES);
  }

  /**
   * The check has reached the new people: on PostgreSQL the final transaction opens now and
   * writes `early` (the sheets checked so far), then publishes each slice as it is committed
   * (see the top of this file). On SQLite nothing happens here: `finish` runs it all.
   */
  openFinal(early: (trx: Executor) => Promise<void>): void {
    if (this.o.ctx.db.dialect !== 'postgres' || this.stopped || this.final !== null) return;
    this.final = new OpenFinal(
      this.o.ctx,
      early,
      () => this.importId,
      (e) => this.asRefusal(e),
    );
    // Its failure stops the slices (the next `add` throws it); `finish` and `abandon` await it.
    this.final.done.catch((e: unknown) => {
      if (!(e instanceof FinalAborted)) this.failure ??= e;
    });
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

  /** Waits for the slice being written; rethrows its failure (or the open final transaction's). */
  private async settle(): Promise<void> {
    while (this.writing !== null) await this.writing;
    if (this.failure !== null) throw this.failure;
  }

  /** The check found an error (or it is a dry run): nothing more is written, the final transaction goes. */
  stop(): void {
    this.stopped = true;
    this.queue = [];
    void this.final?.abort();
  }

  /**
   * After a successful check: writes the remaining slices, then ends the final transaction (or
   * runs it whole). On any failure the import's slices are removed and the error rethrown.
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
      const last = async (trx: Executor, published: Published) => {
        await f.late(trx);
        const publishStarted = performance.now();
        this.timing.publishedWithSlices = published.rows;
        if (this.importId !== null)
          await publishImportBatch(trx, this.importId, nowIso(), this.timing.slices, published);
        this.timing.publishMs = performance.now() - publishStarted;
        this.timing.finalMs = performance.now() - finalStarted;
        await this.lockAndCheck(trx);
        await f.finish(trx, this.timing);
      };
      if (this.final !== null) await this.final.end(last);
      else {
        await ctx.db.kysely
          .transaction()
          .execute(async (trx) => {
            await f.early(trx);
            await last(trx, NOTHING_PUBLISHED);
          })
          .catch(async (e: unknown) => {
            throw await this.asRefusal(e);
          });
      }
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
    // First the final transaction's rollback: it holds the rows the removal deletes.
    await this.final?.abort();
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
   * Locks the audit chain and refuses the import if anybody changed its counties since the check
   * began. A slice does this first; the final transaction only after its writes and the
   * publication, before its audit events: on PostgreSQL the publication then holds no lock that
   * another user's audited write or login waits for — the chain is locked by every audit event —
   * and a change to the counties committed meanwhile is still found (the check reads what is
   * committed when it runs, and later writers wait for the chain) and refuses the import. On
   * SQLite the transaction holds the write lock throughout either way.
   */
  private async lockAndCheck(trx: Executor): Promise<void> {
    await lockChain(trx, this.o.ctx.db.dialect);
    if ((await changesSince(trx, this.o.checkedAfter, this.o.regions())) > this.ownEvents()) throw conflict();
  }

  /** The slices' own audit events in the import's counties. */
  private ownEvents(): number {
    return this.o.regions().reduce((n, r) => n + (this.own.get(r) ?? 0), 0);
  }

  /**
   * The error a failed transaction of the import is refused with. The final transaction's writes
   * run before its check, so a change to the counties committed meanwhile shows as a unique
   * violation (a unit created with a code the import creates) or as a deadlock that PostgreSQL
   * ended by failing the import (a writer holding the chain waited for a row the import wrote, and
   * the import for the chain): the counties changed since the check — a conflict. A lock waited
   * for too long (a slice, `SLICE_LOCK_TIMEOUT_MS`) is refused as such.
   */
  private async asRefusal(e: unknown): Promise<unknown> {
    if (isDeadlock(e)) return conflict();
    if (isLockNotAvailable(e)) return lockTimeout();
    if (!isUniqueViolation(e)) return e;
    const changes = await changesSince(this.o.ctx.db.kysely, this.o.checkedAfter, this.o.regions()).catch(
      () => 0,
    );
    return changes > this.ownEvents() ? conflict() : e;
  }

  private async writeSlice(): Promise<void> {
    const slice = this.queue.splice(0, this.perSlice);
    await this.pause();
    const { ctx } = this.o;
    const started = performance.now();
    this.importId ??= await createImportBatch(ctx.db.kysely, {
      owner: this.o.owner ?? importOwner(),
      regionCodes: this.o.regions(),
      at: nowIso(),
    });
    const importId = this.importId;
    const events: AuditEventInput[] = [];
    await ctx.db.kysely
      .transaction()
      .execute(async (trx) => {
        await limitLockWait(trx, this.o.sliceLockTimeoutMs ?? SLICE_LOCK_TIMEOUT_MS);
        await this.lockAndCheck(trx);
        await beginSlice(trx, importId, nowIso());
        for (const b of slice) await b.write(trx, importId, b.data, { add: (e) => events.push(e) });
        await ctx.audit.recordMany(trx, this.o.actor, events);
      })
      .catch(async (e: unknown) => {
        throw await this.asRefusal(e);
      });
    for (const e of events)
      if (e.regionCode !== null) this.own.set(e.regionCode, (this.own.get(e.regionCode) ?? 0) + 1);
    this.timing.slices += 1;
    if (this.checking) this.timing.slicesDuringCheck += 1;
    this.timing.longestSliceMs = Math.max(this.timing.longestSliceMs, performance.now() - started);
    this.pauseUntil = performance.now() + pauseMs(ctx);
    this.onSlice?.(this.timing.slices, this.timing.slices + Math.ceil(this.queue.length / this.perSlice));
    await this.o.afterSlice?.(this.timing.slices);
    // After the hook: a test that takes the slice away (a crash) does so before it is published.
    this.final?.publish();
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
  // Published, and the only import with staged rows: all of them at once (clearStagedPlacements;
  // not while another import holds the table, 55P03: row by row then).
  if (
    !withPeople &&
    (await ctx.db.kysely
      .transaction()
      .execute((trx) => clearStagedPlacements(trx, importId))
      .catch((e: unknown) => {
        if (isLockNotAvailable(e)) return false;
        throw e;
      }))
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
