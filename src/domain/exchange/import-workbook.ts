// Imports an exchange-format workbook or CSV set: all or nothing, without locking others out.
// 1. Check (reads only): every row is parsed and checked against the database as it is, and
//    what the import would write is staged (staging.ts) — no write lock, no audit-chain lock.
//    The new people are written meanwhile, as the check stages them, in short invisible slices
//    (apply-slices.ts; not on a dry run, and no more once a row is wrong).
// 2. If any row is wrong, or on a dry run, the staged writes are dropped, the slices removed
//    and every error is reported. Otherwise the rest is applied (apply-slices.ts): the last
//    slices, then everything else and the people's publication in one short final
//    transaction. Each first makes sure nobody changed the import's counties in the meantime
//    (else the import is refused and its slices removed: nothing of it becomes visible).
// The uploaded files can be removed as soon as step 1 has read them (`discardInputs`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor, AuditEventInput } from '../../audit/events.ts';
import type { RowError, TableName } from '../../common/exchange.ts';
import type { ImportMapping } from '../../common/exchange-mapping.ts';
import type { ImportResult } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { nowIso } from '../../context.ts';
import { markReportsChanged } from '../../db/repositories/report-aggregates.ts';
import { chainHead } from '../../db/repositories/audit.ts';
import { checkpointWal, refreshStatistics } from '../../db/repositories/maintenance.ts';
import { SlicePipeline } from './apply-slices.ts';
import { importPosts, importQuotas } from './import-establishment.ts';
import { importPopulation, importRegions, importStudents } from './import-misc.ts';
import { importHistoryMatters, importUnitHistory } from './import-history.ts';
import { importPeople } from './import-people.ts';
import { importDomains, importRegistrations } from './import-registrations.ts';
import { ImportState, type Progress } from './import-state.ts';
import { importUnits } from './import-units.ts';
import type { ImportRun } from './import-context.ts';
import { openMappedSources } from './mapped-sources.ts';
import { openSources, type SheetSource } from './sources.ts';
import { StagedWrites } from './staging.ts';

export interface ImportOptions {
  actor: Actor;
  paths: string[];
  dryRun: boolean;
  ignoreExtraColumns?: boolean;
  /** The files are an office's own workbook, read through this mapping (mapped-sources.ts). */
  mapping?: ImportMapping;
  /** The counties this import may write; null lets the command line write any. */
  allowedRegions: string[] | null;
  /** Display names of the files (uploads arrive under temporary names). */
  fileNames?: string[];
  /** A private folder for the staging file (default: a new one in the system's temporary folder). */
  workDir?: string;
  /** Delete the input files as soon as they are read (uploads: clear 身份证号 kept no longer than needed). */
  discardInputs?: boolean;
  onProgress?: (p: Progress) => void;
  /** Runs between the check and the apply (tests use it to change the data meanwhile). */
  beforeApply?: () => Promise<void>;
  /** Runs after each slice of new people is written (tests use it to look between slices). */
  afterSlice?: (slice: number) => Promise<void>;
  /** Runs inside the final transaction before the publication (tests use it to write meanwhile). */
  beforePublish?: () => Promise<void>;
  /**
   * Runs last inside the final transaction, just before its commit: the server's import worker
   * asks whether it may commit (ImportJobs: a job cancelled before this point wrote nothing, one
   * past it can no longer be cancelled). Throwing rolls the import back.
   */
  beforeCommit?: () => Promise<void>;
  /** Runs once the final transaction has committed (the worker tells the server it has). */
  afterCommit?: () => void;
  /** Batches of 1,000 people per slice (default apply-slices.ts SLICE_BATCHES). */
  sliceBatches?: number;
  /** PostgreSQL: a slice's lock wait before the import is refused (default apply-slices.ts SLICE_LOCK_TIMEOUT_MS). */
  sliceLockTimeoutMs?: number;
  /** Who writes the import (import-owner.ts; default this thread): the server's worker gets its job's. */
  owner?: string;
  /** Batches of 人员 looked up one by one before the recorded hashes are loaded (import-people.ts KnownHashes). */
  directLookupBatches?: number;
  /** Check the 人员 rows in a worker thread (true) or not (false); default by size (check-people.ts). */
  peopleWorker?: boolean;
}

/** The order in which sheets are checked and applied: what a row refers to comes first. */
const APPLY_ORDER: [TableName, (run: ImportRun, s: SheetSource) => Promise<void>][] = [
  ['地区', importRegions],
  ['机构', importUnits],
  ['编制', importQuotas],
  ['领导职数', importPosts],
  ['人员', importPeople],
  ['人口', importPopulation],
  ['学生数', importStudents],
  ['机构沿革', importUnitHistory],
  ['历史事项', importHistoryMatters],
  ['事业单位登记', importRegistrations],
  ['中文域名', importDomains],
];

/** Above this many rows an import changes the data's shape enough to refresh planner statistics. */
const LARGE_IMPORT_ROWS = 5000;

export async function importWorkbook(ctx: AppContext, opts: ImportOptions): Promise<ImportResult> {
  const ownDir =
    opts.workDir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-import-')) : null;
  const workDir = opts.workDir ?? ownDir ?? '';
  const staged = new StagedWrites(path.join(workDir, 'staged.ndjson'));
  try {
    return await checkAndApply(ctx, opts, staged);
  } finally {
    staged.discard();
    if (opts.discardInputs) removeInputs(opts.paths);
    if (ownDir) fs.rmSync(ownDir, { recursive: true, force: true });
  }
}

function removeInputs(paths: string[]): void {
  for (const p of paths) fs.rmSync(p, { recursive: true, force: true });
}

async function checkAndApply(
  ctx: AppContext,
  opts: ImportOptions,
  staged: StagedWrites,
): Promise<ImportResult> {
  const onProgress = opts.onProgress ?? (() => undefined);
  onProgress({ phase: '读取文件', table: null, done: 0, total: 0 });
  const opened = opts.mapping
    ? await openMappedSources(opts.paths, opts.mapping, ctx.db.kysely)
    : {
        ...(await openSources(opts.paths, { ignoreExtraColumns: opts.ignoreExtraColumns ?? false })),
        describe: (e: RowError) => e,
      };
  let total = 0;
  for (const s of opened.sources) total += await s.estimateRows();
  const state = new ImportState(opts.allowedRegions ? new Set(opts.allowedRegions) : null, total, onProgress);
  // One pass reports everything: the files' and headers' errors, then every row's.
  for (const e of opened.errors) state.error(e);
  for (const s of opened.sources) {
    state.missingColumns(s.table, s.missingColumns);
    if (s.table === '机构' && s.missingColumns.some((c) => c === '行政区划代码' || c === '机构编码')) {
      state.unitsInFileUnknown = true;
    }
  }
  // Changes recorded after this event were not seen by the check.
  const checkedAfter = (await chainHead(ctx.db.kysely))?.id ?? 0;
  state.progress('校验', null);
  const run: ImportRun = {
    ctx,
    db: ctx.db.kysely,
    staged,
    actor: opts.actor,
    state,
    at: nowIso(),
    regions: new Set(),
    peopleWorker: opts.peopleWorker,
    directLookupBatches: opts.directLookupBatches,
  };
  const importRegions = () => [...new Set([...run.regions, ...(opts.allowedRegions ?? [])])];
  // The new people go to the slice writer as the check stages them, until a row is wrong.
  const slices = opts.dryRun
    ? null
    : new SlicePipeline({
        ctx,
        actor: opts.actor,
        checkedAfter,
        regions: importRegions,
        ...(opts.afterSlice ? { afterSlice: opts.afterSlice } : {}),
        ...(opts.sliceBatches ? { sliceBatches: opts.sliceBatches } : {}),
        ...(opts.sliceLockTimeoutMs ? { sliceLockTimeoutMs: opts.sliceLockTimeoutMs } : {}),
        ...(opts.owner ? { owner: opts.owner } : {}),
      });
  staged.sliceInto(
    slices &&
      (async (batch) => {
        if (state.errorCount > 0) slices.stop();
        else await slices.add(batch);
      }),
  );
  // The final transaction's audit events, recorded at its end (once the chain is locked:
  // SlicePipeline.lockAndCheck), and its progress.
  const finalEvents: AuditEventInput[] = [];
  const keep = async (events: AuditEventInput[]) => {
    finalEvents.push(...events);
  };
  let applied = 0;
  let checked = false;
  const applier = (trx: Executor) =>
    staged.applier(trx, keep, () => {
      applied += 1;
      // Steps written while the check goes on (PostgreSQL) show once it is over.
      if (checked && (applied % 100 === 0 || applied === staged.size))
        onProgress({ phase: '生效', table: null, done: applied, total: staged.size });
    });
  // The final transaction writes the sheets checked before 人员 first (`early`: the new people's
  // placements name their units) — on PostgreSQL while the 人员 rows are checked, publishing the
  // slices meanwhile (SlicePipeline.openFinal) — and the rest after the check (`late`).
  let beforePeople = 0;
  let writer: ReturnType<typeof applier> | null = null;
  const early = async (trx: Executor) => {
    writer = applier(trx);
    await writer.upTo(beforePeople);
  };
  try {
    for (const [table, check] of APPLY_ORDER) {
      const source = opened.sources.find((s) => s.table === table);
      if (table === '人员' && source) {
        beforePeople = staged.mark();
        if (state.errorCount === 0) slices?.openFinal(early);
      }
      if (source) await check(run, source);
    }
  } catch (e) {
    await slices?.abandon(e);
    throw e;
  }
  checked = true;
  if (opts.discardInputs) removeInputs(opts.paths);
  const result: ImportResult = {
    ok: state.errorCount === 0,
    dryRun: opts.dryRun,
    errorCount: state.errorCount,
    errors: state.errors.map(opened.describe),
    warningCount: state.warningCount,
    warnings: state.warnings.map(opened.describe),
    counts: state.counts,
  };
  if (state.errorCount > 0 || !slices) {
    await slices?.abandon(`校验发现 ${state.errorCount} 处错误`);
    state.progress(state.errorCount > 0 ? '已拒绝' : '完成', null);
    return result;
  }

  try {
    await opts.beforeApply?.();
  } catch (e) {
    await slices.abandon(e);
    throw e;
  }
  const files = opts.fileNames ?? opts.paths.map((p) => path.basename(p));
  const regions = importRegions();
  await slices.finish({
    onSlice: (done, total) => onProgress({ phase: '写入', table: '人员', done, total }),
    early,
    late: async (trx) => {
      onProgress({ phase: '生效', table: null, done: applied, total: staged.size });
      await (writer ?? applier(trx)).rest();
      await opts.beforePublish?.();
    },
    finish: async (trx, timing) => {
      // The report's aggregate cache (basic-summary.ts): one set-based statement for the counties
      // written. A bulk apply that bypasses the repositories' own marks relies on this call. Here,
      // once the chain is locked: it locks the counties' counters, which every other write in them
      // raises — some (a matter's implementation) holding the chain already — so taken before the
      // publication it kept them, and the logins behind them, waiting for it.
      await markReportsChanged(trx, { regionCodes: regions });
      if (finalEvents.length > 0) await ctx.audit.recordMany(trx, opts.actor, finalEvents);
      await ctx.audit.record(trx, opts.actor, {
        action: 'import.run',
        entityType: 'import',
        entityId: null,
        regionCode: opts.allowedRegions?.[0] ?? null,
        summary: `导入 ${files.join('、')}`,
        payload: { before: null, after: { files, counts: state.counts, timing } },
      });
      await opts.beforeCommit?.();
    },
  });
  opts.afterCommit?.();
  if (state.done >= LARGE_IMPORT_ROWS) {
    state.progress('更新统计信息', null);
    await refreshStatistics(ctx.db.kysely, ctx.db.dialect);
    await checkpointWal(ctx.db.kysely, ctx.db.dialect);
  }
  state.progress('完成', null);
  return result;
}
