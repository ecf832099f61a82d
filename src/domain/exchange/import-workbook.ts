// Imports an exchange-format workbook or CSV set: all or nothing. Every row is checked and
// applied inside one transaction; if any row is wrong, or on a dry run, the transaction is
// rolled back and every error is reported.
import type { Actor } from '../../audit/events.ts';
import type { TableName } from '../../common/exchange.ts';
import type { ImportResult } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { importPosts, importQuotas } from './import-establishment.ts';
import { importPopulation, importRegions, importStudents } from './import-misc.ts';
import { importPeople } from './import-people.ts';
import { refreshStatistics } from '../../db/repositories/maintenance.ts';
import { ImportState, type Progress } from './import-state.ts';
import { importUnits } from './import-units.ts';
import type { ImportRun } from './import-context.ts';
import { openSources, type SheetSource } from './sources.ts';
import path from 'node:path';

export interface ImportOptions {
  actor: Actor;
  paths: string[];
  dryRun: boolean;
  ignoreExtraColumns?: boolean;
  /** The counties this import may write; null lets the command line write any. */
  allowedRegions: string[] | null;
  /** Display names of the files (uploads arrive under temporary names). */
  fileNames?: string[];
  onProgress?: (p: Progress) => void;
}

/** The order in which sheets are applied: what a row refers to comes first. */
const APPLY_ORDER: [TableName, (run: ImportRun, s: SheetSource) => Promise<void>][] = [
  ['地区', importRegions],
  ['机构', importUnits],
  ['编制', importQuotas],
  ['领导职数', importPosts],
  ['人员', importPeople],
  ['人口', importPopulation],
  ['学生数', importStudents],
];

class Rollback extends Error {}

/** Above this many rows an import changes the data's shape enough to refresh planner statistics. */
const LARGE_IMPORT_ROWS = 5000;

export async function importWorkbook(ctx: AppContext, opts: ImportOptions): Promise<ImportResult> {
  const onProgress = opts.onProgress ?? (() => undefined);
  onProgress({ phase: '读取文件', table: null, done: 0, total: 0 });
  const opened = await openSources(opts.paths, { ignoreExtraColumns: opts.ignoreExtraColumns ?? false });
  if (opened.errors.length > 0) {
    return {
      ok: false,
      dryRun: opts.dryRun,
      errorCount: opened.errors.length,
      errors: opened.errors,
      counts: {},
    };
  }
  let total = 0;
  for (const s of opened.sources) total += await s.countRows();
  const state = new ImportState(opts.allowedRegions ? new Set(opts.allowedRegions) : null, total, onProgress);
  state.progress('校验并写入', null);
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const run: ImportRun = { ctx, trx, actor: opts.actor, state, at: nowIso(), regions: new Set() };
      for (const [table, apply] of APPLY_ORDER) {
        const source = opened.sources.find((s) => s.table === table);
        if (source) await apply(run, source);
      }
      if (state.errorCount > 0 || opts.dryRun) throw new Rollback();
      const files = opts.fileNames ?? opts.paths.map((p) => path.basename(p));
      await ctx.audit.record(trx, opts.actor, {
        action: 'import.run',
        entityType: 'import',
        entityId: null,
        regionCode: opts.allowedRegions?.[0] ?? null,
        summary: `导入 ${files.join('、')}`,
        payload: { before: null, after: { files, counts: state.counts } },
      });
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  const written = state.errorCount === 0 && !opts.dryRun;
  if (written && state.done >= LARGE_IMPORT_ROWS) {
    state.progress('更新统计信息', null);
    await refreshStatistics(ctx.db.kysely);
  }
  state.progress(state.errorCount > 0 ? '已拒绝' : '完成', null);
  return {
    ok: state.errorCount === 0,
    dryRun: opts.dryRun,
    errorCount: state.errorCount,
    errors: state.errors,
    counts: state.counts,
  };
}
