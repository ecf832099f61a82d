// What every table importer of one run works with.
import type { Actor } from '../../audit/events.ts';
import type { TableName } from '../../common/exchange.ts';
import type { AppContext } from '../../context.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { ensureRegionIn, nationalChain } from '../regions/ensure-region.ts';
import type { PeopleWorkerChoice } from './check-people.ts';
import type { ImportState } from './import-state.ts';
import type { StagedWrites } from './staging.ts';

export interface ImportRun {
  ctx: AppContext;
  /** For reading only: writes are staged and applied at the end (staging.ts). */
  db: Executor;
  staged: StagedWrites;
  actor: Actor;
  state: ImportState;
  at: string;
  /** Regions known to the database (or added by this run). */
  regions: Set<string>;
  /** Where the 人员 rows are checked (check-people.ts): a worker thread, this one, or by size. */
  peopleWorker?: PeopleWorkerChoice;
  /** Batches of 人员 looked up one by one before the recorded hashes are loaded (import-people.ts). */
  directLookupBatches?: number | undefined;
}

/**
 * Checks that a row's county may be written by this run, adding a county of the national
 * list on first use (the 地区 sheet is optional for known regions). Reports the error itself.
 */
export async function checkRowRegion(
  run: ImportRun,
  table: TableName,
  row: number,
  regionCode: string,
): Promise<boolean> {
  const { state } = run;
  if (state.allowedRegions && !state.allowedRegions.has(regionCode)) {
    state.error({ table, row, column: '行政区划代码', reason: `无权导入行政区划 ${regionCode} 的数据` });
    return false;
  }
  if (run.regions.has(regionCode)) return true;
  if (await findRegion(run.db, regionCode)) {
    run.regions.add(regionCode);
    return true;
  }
  const chain = nationalChain(regionCode);
  if (chain.length === 0) {
    state.error({
      table,
      row,
      column: '行政区划代码',
      reason: `行政区划 ${regionCode} 未知：不在现行代码表中，也未在“地区”表中给出`,
    });
    return false;
  }
  const last = chain[chain.length - 1];
  if (last?.level !== 'county') {
    state.error({
      table,
      row,
      column: '行政区划代码',
      reason: `${regionCode} ${last?.name ?? ''} 不是县级行政区划`,
    });
    return false;
  }
  const { ctx, actor } = run;
  run.staged.step(async (trx, _ids, audit) => {
    await ensureRegionIn(ctx, trx, actor, regionCode, undefined, (e) => audit.add(e));
  });
  run.regions.add(regionCode);
  return true;
}
