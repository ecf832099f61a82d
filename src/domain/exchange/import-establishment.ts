// The 编制 and 领导职数 sheets: effective-dated rows per (unit, type, source) and (unit, level).
// A row with a known key and another count is a correction: the old row is kept, retracted.
import type { PostRow, QuotaRow, RowError, TableName } from '../../common/exchange.ts';
import type { AuditEventInput } from '../../audit/events.ts';
import * as est from '../../db/repositories/establishment.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { latestVersions } from '../../db/repositories/units.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { cellText, unitKey } from './import-state.ts';
import { parseRow } from './parse-row.ts';
import type { RawRow, SheetSource } from './sources.ts';

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
  if (!run.state.unitCodesInFile.has(key) && !run.state.unitsInFileUnknown) {
    run.state.error({
      table,
      row,
      column: '机构编码',
      reason: `机构 ${unitCode} 不存在（行政区划 ${regionCode}）`,
    });
  }
  return null;
}

/**
 * A row rejected for other reasons still has its unit checked, when its 行政区划代码 and 机构编码
 * are readable: one check reports the unknown unit together with the row's other errors.
 */
export async function checkUnitOfRejectedRow(
  run: ImportRun,
  table: TableName,
  raw: RawRow,
  errors: readonly RowError[],
): Promise<void> {
  const regionCode = cellText(raw.cells['行政区划代码']);
  const unitCode = cellText(raw.cells['机构编码']);
  if (regionCode === null || unitCode === null || !/^\d{6}$/.test(regionCode)) return;
  if (errors.some((e) => e.column === '行政区划代码' || e.column === '机构编码')) return;
  if (run.state.allowedRegions && !run.state.allowedRegions.has(regionCode)) return;
  await loadUnitsOfRegion(run, regionCode, run.state.referenceRegions);
  resolveUnit(run, table, raw.rowNumber, regionCode, unitCode);
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
  for (const u of await latestVersions(run.db, [regionCode])) {
    const key = unitKey(u.regionCode, u.code);
    if (!run.state.unitIds.has(key)) run.state.unitIds.set(key, u.id);
    if (!run.state.unitCategories.has(key)) run.state.unitCategories.set(key, u.category);
  }
}

/**
 * How one kind of effective-dated row (编制 or 领导职数) is keyed, stored and audited: the two
 * sheets share everything else.
 */
interface DatedSheet<
  Row extends { regionCode: string; unitCode: string; approved: number; effectiveFrom: string },
> {
  table: '编制' | '领导职数';
  /** What makes two rows the same row, besides the unit and the date. */
  keyOf(row: Row): string;
  duplicateReason: string;
  existing(
    run: ImportRun,
    unitId: number,
  ): Promise<{ id: number; key: string; approved: number; docNo: string | null }[]>;
  retract(trx: Executor, run: ImportRun, id: number): Promise<void>;
  insert(trx: Executor, run: ImportRun, unitId: number, row: Row, docNo: string | null): Promise<number>;
  audit(id: number, row: Row, before: number | null): AuditEventInput;
}

async function importDated<
  Row extends { regionCode: string; unitCode: string; approved: number; effectiveFrom: string },
>(
  run: ImportRun,
  source: SheetSource,
  sheet: DatedSheet<Row>,
  parse: (raw: RawRow) => { row: Row | null; errors: RowError[] },
): Promise<void> {
  const { state } = run;
  const { table } = sheet;
  const seen = new Map<string, number>();
  const loadedRegions = new Set<string>();
  const existing = new Map<string, { id: number; approved: number; docNo: string | null }>();
  const loadedUnits = new Set<number>();
  for await (const raw of source.rows()) {
    state.tick(table);
    const parsed = parse(raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) {
      await checkUnitOfRejectedRow(run, table, raw, parsed.errors);
      continue;
    }
    if (!(await checkRowRegion(run, table, raw.rowNumber, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
    const unitId = resolveUnit(run, table, raw.rowNumber, row.regionCode, row.unitCode);
    if (unitId === null || rejectInternal(run, table, raw.rowNumber, row.regionCode, row.unitCode)) continue;
    const key = `${unitId}|${sheet.keyOf(row)}|${row.effectiveFrom}`;
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({
        table,
        row: raw.rowNumber,
        column: '生效日期',
        reason: `与第${first}行重复（${sheet.duplicateReason}）`,
      });
      continue;
    }
    seen.set(key, raw.rowNumber);
    if (!loadedUnits.has(unitId)) {
      loadedUnits.add(unitId);
      // A unit this import creates (placeholder id) has no rows yet.
      if (unitId > 0)
        for (const e of await sheet.existing(run, unitId)) existing.set(`${unitId}|${e.key}`, e);
    }
    const current = existing.get(key);
    if (current && current.approved === row.approved) {
      state.count(table, 'unchanged');
      continue;
    }
    // A known key with another count is a correction: the old row stays, retracted.
    run.staged.step(async (trx, ids, audit) => {
      if (current) await sheet.retract(trx, run, current.id);
      const id = await sheet.insert(trx, run, ids.resolve(unitId), row, current?.docNo ?? null);
      audit.add(sheet.audit(id, row, current?.approved ?? null));
    });
    state.count(table, current ? 'updated' : 'inserted');
  }
}

const QUOTA_SHEET: DatedSheet<QuotaRow> = {
  table: '编制',
  keyOf: (r) => `${r.quotaType}|${r.source}`,
  duplicateReason: '同一机构、编制类型、来源和生效日期',
  existing: async (run, unitId) =>
    (await est.activeQuotaRows(run.db, [unitId])).map((q) => ({
      id: q.id,
      key: `${q.quotaType}|${q.source}|${q.effectiveFrom}`,
      approved: q.approved,
      docNo: q.docNo,
    })),
  retract: (trx, run, id) => est.retractQuota(trx, id, run.at),
  insert: (trx, run, unitId, row, docNo) =>
    est.insertQuota(trx, {
      unitId,
      quotaType: row.quotaType,
      source: row.source,
      approved: row.approved,
      effectiveFrom: row.effectiveFrom,
      docNo,
      at: run.at,
      by: run.actor.id,
    }),
  audit: (id, row, before) => {
    const snapshot = (approved: number) => ({
      unitCode: row.unitCode,
      quotaType: row.quotaType,
      source: row.source,
      approved,
      effectiveFrom: row.effectiveFrom,
    });
    return {
      action: 'quota.set',
      entityType: 'quota',
      entityId: id,
      regionCode: row.regionCode,
      summary: `${before === null ? '导入' : '更正'}编制 ${row.unitCode} ${row.quotaType}${row.source ? `（${row.source}）` : ''} ${row.approved} 名，自 ${row.effectiveFrom}`,
      payload: { before: before === null ? null : snapshot(before), after: snapshot(row.approved) },
    };
  },
};

const POST_SHEET: DatedSheet<PostRow> = {
  table: '领导职数',
  keyOf: (r) => r.level,
  duplicateReason: '同一机构、职级和生效日期',
  existing: async (run, unitId) =>
    (await est.activePostRows(run.db, [unitId])).map((p) => ({
      id: p.id,
      key: `${p.level}|${p.effectiveFrom}`,
      approved: p.approved,
      docNo: p.docNo,
    })),
  retract: (trx, run, id) => est.retractPost(trx, id, run.at),
  insert: (trx, run, unitId, row, docNo) =>
    est.insertPost(trx, {
      unitId,
      level: row.level,
      approved: row.approved,
      effectiveFrom: row.effectiveFrom,
      docNo,
      at: run.at,
      by: run.actor.id,
    }),
  audit: (id, row, before) => {
    const snapshot = (approved: number) => ({
      unitCode: row.unitCode,
      level: row.level,
      approved,
      effectiveFrom: row.effectiveFrom,
    });
    return {
      action: 'post.set',
      entityType: 'leadership_post',
      entityId: id,
      regionCode: row.regionCode,
      summary: `${before === null ? '导入' : '更正'}领导职数 ${row.unitCode} ${row.level} ${row.approved} 名，自 ${row.effectiveFrom}`,
      payload: { before: before === null ? null : snapshot(before), after: snapshot(row.approved) },
    };
  },
};

export function importQuotas(run: ImportRun, source: SheetSource): Promise<void> {
  return importDated(run, source, QUOTA_SHEET, (raw) => parseRow('编制', raw));
}

export function importPosts(run: ImportRun, source: SheetSource): Promise<void> {
  return importDated(run, source, POST_SHEET, (raw) => parseRow('领导职数', raw));
}
