// Applies what an import staged (staging.ts) without holding other users up, however large it is
// (issue 8; docs/import.md "导入不阻塞他人"):
// 1. Slices: the new people, SLICE_BATCHES × 1,000 at a time, each slice its own short
//    transaction with its audit events. The people are marked with the import's id and their
//    placements go to import_placements, so no list, report, look-up or count sees them yet.
//    Between slices the import pauses, so that a login or another write waiting for the lock
//    gets it (SQLite's busy handler polls at most every 100 ms).
// 2. Final: one transaction applies the small sheets and the corrections, publishes the slices
//    (one INSERT … SELECT into placements and one UPDATE of the import's row), raises the report
//    versions and records `import.run`.
// Every transaction first checks that nobody changed the import's counties since the check
// began (or since the import's previous slice); if somebody did, the import is refused.
// If anything fails, the slices are removed again (abandonImport); a crash leaves the import
// 'applying', and the start-up sweep (sweep-imports.ts) removes it.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import type { Actor, AuditEventInput } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { chainHead, changesSince, lockChain } from '../../db/repositories/audit.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  beginSlice,
  createImportBatch,
  finishImportBatch,
  publishImportBatch,
  removeSliceRows,
  stagedPlacementCount,
} from '../../db/repositories/import-slices.ts';
import { AppError } from '../../errors.ts';
import type { SlicedBatch, StagedWrites } from './staging.ts';

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
/** Rows removed per transaction when a failed import's slices are taken away. */
const REMOVE_ROWS = 10_000;
/**
 * The same on PostgreSQL: deleting locks only the removed rows, which nobody else reads (an
 * import's invisible people, its unlogged staged placements), so larger steps hold no one up;
 * 10,000 at a time was a minute after a million-person import there.
 */
const REMOVE_ROWS_POSTGRES = 200_000;

/** Who writes an import: a sweep leaves the imports of a live owner alone. */
export function importOwner(thread: number = threadId): string {
  return `${os.hostname()}/${process.pid}/${thread}`;
}

export interface SliceTiming {
  slices: number;
  longestSliceMs: number;
  /** The final transaction, from its start to its last statement (the commit not included). */
  finalMs: number;
  /** Of which publishing the slices (copying the staged placements). */
  publishMs: number;
}

export interface ApplyOptions {
  ctx: AppContext;
  actor: Actor;
  staged: StagedWrites;
  /** The chain's head when the check began: later changes in `regions` refuse the import. */
  checkedAfter: number;
  regions: string[];
  /** The final transaction's own writes (small sheets, corrections, report versions). */
  final: (trx: Executor) => Promise<void>;
  /** The final transaction's last write (the import's own audit event), given the timings. */
  finish: (trx: Executor, timing: SliceTiming) => Promise<void>;
  /** Batches per slice (default SLICE_BATCHES; tests use smaller slices). */
  sliceBatches?: number;
  onSlice?: (done: number, total: number) => void;
  /** Runs after each slice (tests use it to act between slices). */
  afterSlice?: (slice: number) => Promise<void>;
}

const pauseMs = (ctx: AppContext): number =>
  ctx.db.dialect === 'postgres' ? SLICE_PAUSE_MS_POSTGRES : SLICE_PAUSE_MS;

const conflict = () =>
  new AppError('CONFLICT', '导入校验期间，这些行政区划的数据已被他人修改；未写入任何数据，请重新导入');

export async function applyInSlices(o: ApplyOptions): Promise<SliceTiming> {
  const { ctx } = o;
  const db = ctx.db.kysely;
  let seen = o.checkedAfter;
  const guarded = (work: (trx: Executor) => Promise<void>): Promise<void> =>
    db.transaction().execute(async (trx) => {
      await lockChain(trx, ctx.db.dialect);
      if ((await changesSince(trx, seen, o.regions)) > 0) throw conflict();
      await work(trx);
      seen = (await chainHead(trx))?.id ?? seen;
    });
  const timing: SliceTiming = { slices: 0, longestSliceMs: 0, finalMs: 0, publishMs: 0 };
  const perSlice = Math.max(1, o.sliceBatches ?? SLICE_BATCHES);
  const total = Math.ceil(o.staged.slicedCount / perSlice);
  const importId =
    o.staged.slicedCount > 0
      ? await createImportBatch(db, { owner: importOwner(), regionCodes: o.regions, at: nowIso() })
      : null;
  try {
    if (importId !== null) {
      let slice: SlicedBatch[] = [];
      const writeSlice = async (): Promise<void> => {
        const started = performance.now();
        await guarded(async (trx) => {
          await beginSlice(trx, importId, nowIso());
          const events: AuditEventInput[] = [];
          for (const b of slice) await b.write(trx, importId, b.data, { add: (e) => events.push(e) });
          await ctx.audit.recordMany(trx, o.actor, events);
        });
        slice = [];
        timing.slices += 1;
        timing.longestSliceMs = Math.max(timing.longestSliceMs, performance.now() - started);
        o.onSlice?.(timing.slices, total);
        await o.afterSlice?.(timing.slices);
        await sleep(pauseMs(ctx));
      };
      for await (const b of o.staged.slicedBatches()) {
        slice.push(b);
        if (slice.length >= perSlice) await writeSlice();
      }
      if (slice.length > 0) await writeSlice();
    }
    const finalStarted = performance.now();
    await guarded(async (trx) => {
      await o.final(trx);
      const publishStarted = performance.now();
      if (importId !== null) await publishImportBatch(trx, importId, nowIso(), timing.slices);
      timing.publishMs = performance.now() - publishStarted;
      timing.finalMs = performance.now() - finalStarted;
      await o.finish(trx, timing);
    });
  } catch (e) {
    if (importId !== null) {
      const reason = e instanceof Error ? e.message : String(e);
      // If even this fails (the database gone), the import stays 'applying' for the sweep.
      await abandonImport(ctx, o.actor, importId, reason, o.regions[0] ?? null).catch(() => undefined);
    }
    throw e;
  }
  // The import is published: clearing its staging rows is housekeeping. If it fails, the
  // start-up sweep clears them; the import itself succeeded.
  if (importId !== null) await drainImport(ctx, importId, false).catch(() => undefined);
  return timing;
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
 * Removes what an import's slices left, REMOVE_ROWS (PostgreSQL: REMOVE_ROWS_POSTGRES) rows per short transaction: its staged
 * placements and, for an import never published (`withPeople`), its people.
 */
export async function drainImport(ctx: AppContext, importId: number, withPeople: boolean): Promise<void> {
  for (;;) {
    const removed = await ctx.db.kysely
      .transaction()
      .execute((trx) =>
        removeSliceRows(
          trx,
          importId,
          ctx.db.dialect === 'postgres' ? REMOVE_ROWS_POSTGRES : REMOVE_ROWS,
          withPeople,
        ),
      );
    if (removed.placements + removed.people === 0) return;
    await sleep(pauseMs(ctx));
  }
}
