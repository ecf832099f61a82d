// The 编制 and 领导职数 sheets: effective-dated rows per (unit, type, source) and (unit, level).
// A row with a known key and another count is a correction: the old row is kept, retracted.
import type { RowError, TableName } from '../../common/exchange.ts';
import * as est from '../../db/repositories/establishment.ts';
import { latestVersions } from '../../db/repositories/units.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { unitKey } from './import-state.ts';
import { parseRow } from './parse-row.ts';
import type { SheetSource } from './sources.ts';

/** Resolves a row's unit, reporting a missing one unless its own 机构 row was rejected. */
export function resolveUnit(
  run: ImportRun,
  table: TableName,
  row: number,
  regionCode: string,
  unitCode: string,
): number | null {
  const key = unitKey(regionCode, unitCode);
  const id = run.state.unitIds.get(key);
  if (id !== undefined) return id;
  if (!run.state.unitCodesInFile.has(key)) {
    run.state.error({
      table,
      row,
      column: '机构编码',
      reason: `机构 ${unitCode} 不存在（行政区划 ${regionCode}）`,
    });
  }
  return null;
}

function rejectInternal(
  run: ImportRun,
  table: TableName,
  row: number,
  regionCode: string,
  unitCode: string,
): boolean {
  if (run.state.unitCategories.get(unitKey(regionCode, unitCode)) !== '内设机构') return false;
  const e: RowError = {
    table,
    row,
    column: '机构编码',
    reason: `${unitCode} 是内设机构，内设机构不单独核定编制和领导职数`,
  };
  run.state.error(e);
  return true;
}

export async function loadUnitsOfRegion(
  run: ImportRun,
  regionCode: string,
  loaded: Set<string>,
): Promise<void> {
  if (loaded.has(regionCode)) return;
  loaded.add(regionCode);
  for (const u of await latestVersions(run.trx, [regionCode])) {
    const key = unitKey(u.regionCode, u.code);
    if (!run.state.unitIds.has(key)) run.state.unitIds.set(key, u.id);
    if (!run.state.unitCategories.has(key)) run.state.unitCategories.set(key, u.category);
  }
}

export async function importQuotas(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, trx } = run;
  const seen = new Map<string, number>();
  const loadedRegions = new Set<string>();
  const existing = new Map<string, est.QuotaRecord>();
  const loadedUnits = new Set<number>();
  for await (const raw of source.rows()) {
    state.tick('编制');
    const parsed = parseRow('编制', raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) continue;
    if (!(await checkRowRegion(run, '编制', raw.rowNumber, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
    const unitId = resolveUnit(run, '编制', raw.rowNumber, row.regionCode, row.unitCode);
    if (unitId === null || rejectInternal(run, '编制', raw.rowNumber, row.regionCode, row.unitCode)) continue;
    const key = `${unitId}|${row.quotaType}|${row.source}|${row.effectiveFrom}`;
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({
        table: '编制',
        row: raw.rowNumber,
        column: '生效日期',
        reason: `与第${first}行重复（同一机构、编制类型、来源和生效日期）`,
      });
      continue;
    }
    seen.set(key, raw.rowNumber);
    if (!loadedUnits.has(unitId)) {
      loadedUnits.add(unitId);
      for (const q of await est.activeQuotaRows(trx, [unitId])) {
        existing.set(`${q.unitId}|${q.quotaType}|${q.source}|${q.effectiveFrom}`, q);
      }
    }
    const current = existing.get(key);
    if (current && current.approved === row.approved) {
      state.count('编制', 'unchanged');
      continue;
    }
    if (current) await est.retractQuota(trx, current.id, run.at);
    const id = await est.insertQuota(trx, {
      unitId,
      quotaType: row.quotaType,
      source: row.source,
      approved: row.approved,
      effectiveFrom: row.effectiveFrom,
      docNo: current?.docNo ?? null,
      at: run.at,
      by: run.actor.id,
    });
    await run.ctx.audit.record(trx, run.actor, {
      action: 'quota.set',
      entityType: 'quota',
      entityId: id,
      regionCode: row.regionCode,
      summary: `${current ? '更正' : '导入'}编制 ${row.unitCode} ${row.quotaType}${row.source ? `（${row.source}）` : ''} ${row.approved} 名，自 ${row.effectiveFrom}`,
      payload: {
        before: current
          ? {
              unitCode: row.unitCode,
              quotaType: row.quotaType,
              source: row.source,
              approved: current.approved,
              effectiveFrom: row.effectiveFrom,
            }
          : null,
        after: {
          unitCode: row.unitCode,
          quotaType: row.quotaType,
          source: row.source,
          approved: row.approved,
          effectiveFrom: row.effectiveFrom,
        },
      },
    });
    state.count('编制', current ? 'updated' : 'inserted');
  }
}

export async function importPosts(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, trx } = run;
  const seen = new Map<string, number>();
  const loadedRegions = new Set<string>();
  const existing = new Map<string, est.PostRecord>();
  const loadedUnits = new Set<number>();
  for await (const raw of source.rows()) {
    state.tick('领导职数');
    const parsed = parseRow('领导职数', raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) continue;
    if (!(await checkRowRegion(run, '领导职数', raw.rowNumber, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
    const unitId = resolveUnit(run, '领导职数', raw.rowNumber, row.regionCode, row.unitCode);
    if (unitId === null || rejectInternal(run, '领导职数', raw.rowNumber, row.regionCode, row.unitCode))
      continue;
    const key = `${unitId}|${row.level}|${row.effectiveFrom}`;
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({
        table: '领导职数',
        row: raw.rowNumber,
        column: '生效日期',
        reason: `与第${first}行重复（同一机构、职级和生效日期）`,
      });
      continue;
    }
    seen.set(key, raw.rowNumber);
    if (!loadedUnits.has(unitId)) {
      loadedUnits.add(unitId);
      for (const p of await est.activePostRows(trx, [unitId]))
        existing.set(`${p.unitId}|${p.level}|${p.effectiveFrom}`, p);
    }
    const current = existing.get(key);
    if (current && current.approved === row.approved) {
      state.count('领导职数', 'unchanged');
      continue;
    }
    if (current) await est.retractPost(trx, current.id, run.at);
    const id = await est.insertPost(trx, {
      unitId,
      level: row.level,
      approved: row.approved,
      effectiveFrom: row.effectiveFrom,
      docNo: current?.docNo ?? null,
      at: run.at,
      by: run.actor.id,
    });
    await run.ctx.audit.record(trx, run.actor, {
      action: 'post.set',
      entityType: 'leadership_post',
      entityId: id,
      regionCode: row.regionCode,
      summary: `${current ? '更正' : '导入'}领导职数 ${row.unitCode} ${row.level} ${row.approved} 名，自 ${row.effectiveFrom}`,
      payload: {
        before: current
          ? {
              unitCode: row.unitCode,
              level: row.level,
              approved: current.approved,
              effectiveFrom: row.effectiveFrom,
            }
          : null,
        after: {
          unitCode: row.unitCode,
          level: row.level,
          approved: row.approved,
          effectiveFrom: row.effectiveFrom,
        },
      },
    });
    state.count('领导职数', current ? 'updated' : 'inserted');
  }
}
