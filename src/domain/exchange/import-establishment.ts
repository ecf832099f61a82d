// The 编制 and 领导职数 sheets: effective-dated rows per (unit, type, source) and (unit, level).
// A row with a known key and another count is a correction: the old row is kept, retracted.
import type { PostRow, QuotaRow, RowError, TableName } from '../../common/exchange.ts';
import * as est from '../../db/repositories/establishment.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { latestVersions } from '../../db/repositories/units.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { cellText, unitKey } from './import-state.ts';
import { parseRow } from './parse-row.ts';
import { auditBatch, stageInBatches, type AuditedRow } from './import-batches.ts';
import {
  insertPosts,
  insertQuotas,
  postKey,
  quotaKey,
  retractRows,
} from '../../db/repositories/ledger-bulk.ts';
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
  dbTable: 'quotas' | 'leadership_posts';
  /** Inserts the rows in bulk; returns the new ids by `insertedKey`. */
  insert(trx: Executor, run: ImportRun, rows: readonly DatedWrite<Row>[]): Promise<Map<string, number>>;
  insertedKey(unitId: number, row: Row): string;
  action: 'quota.import' | 'post.import';
  entityType: string;
  what: string;
  /** The snapshot of a row with `approved` (what quota.set / post.set carried). */
  snapshot(row: Row, approved: number): Record<string, unknown>;
  label(row: Row): string;
}

/** A row to write: `unitId` resolved when applied; `current` the row it corrects. */
interface DatedWrite<Row> {
  unitId: number;
  row: Row;
  current: { id: number; approved: number; docNo: string | null } | undefined;
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
  const writes: DatedWrite<Row>[] = [];
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
    writes.push({ unitId, row, current });
    state.count(table, current ? 'updated' : 'inserted');
  }
  const { at } = run;
  stageInBatches(run.staged, writes, async (trx, ids, batch, audit) => {
    const resolved = batch.map((w) => ({ ...w, unitId: ids.resolve(w.unitId) }));
    await retractRows(
      trx,
      sheet.dbTable,
      resolved.flatMap((w) => (w.current ? [w.current.id] : [])),
      at,
    );
    const inserted = await sheet.insert(trx, run, resolved);
    const audited: AuditedRow[] = resolved.map((w) => {
      const id = inserted.get(sheet.insertedKey(w.unitId, w.row));
      if (id === undefined) throw new Error(`导入内部错误：${table}未全部取得编号`);
      return {
        regionCode: w.row.regionCode,
        id,
        before: w.current ? sheet.snapshot(w.row, w.current.approved) : null,
        after: sheet.snapshot(w.row, w.row.approved),
        label: sheet.label(w.row),
      };
    });
    auditBatch(audit, sheet.action, sheet.entityType, sheet.what, audited);
  });
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
  dbTable: 'quotas',
  insert: (trx, run, rows) =>
    insertQuotas(
      trx,
      rows.map(({ unitId, row, current }) => ({
        unitId,
        quotaType: row.quotaType,
        source: row.source,
        approved: row.approved,
        effectiveFrom: row.effectiveFrom,
        docNo: current?.docNo ?? null,
        at: run.at,
        by: run.actor.id,
      })),
    ),
  insertedKey: (unitId, row) => quotaKey(unitId, row.quotaType, row.source, row.effectiveFrom),
  action: 'quota.import',
  entityType: 'quota',
  what: '导入编制',
  snapshot: (row, approved) => ({
    unitCode: row.unitCode,
    quotaType: row.quotaType,
    source: row.source,
    approved,
    effectiveFrom: row.effectiveFrom,
  }),
  label: (row) =>
    `${row.unitCode} ${row.quotaType}${row.source ? `（${row.source}）` : ''} ${row.approved} 名，自 ${row.effectiveFrom}`,
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
  dbTable: 'leadership_posts',
  insert: (trx, run, rows) =>
    insertPosts(
      trx,
      rows.map(({ unitId, row, current }) => ({
        unitId,
        level: row.level,
        approved: row.approved,
        effectiveFrom: row.effectiveFrom,
        docNo: current?.docNo ?? null,
        at: run.at,
        by: run.actor.id,
      })),
    ),
  insertedKey: (unitId, row) => postKey(unitId, row.level, row.effectiveFrom),
  action: 'post.import',
  entityType: 'leadership_post',
  what: '导入领导职数',
  snapshot: (row, approved) => ({
    unitCode: row.unitCode,
    level: row.level,
    approved,
    effectiveFrom: row.effectiveFrom,
  }),
  label: (row) => `${row.unitCode} ${row.level} ${row.approved} 名，自 ${row.effectiveFrom}`,
};

export function importQuotas(run: ImportRun, source: SheetSource): Promise<void> {
  return importDated(run, source, QUOTA_SHEET, (raw) => parseRow('编制', raw));
}

export function importPosts(run: ImportRun, source: SheetSource): Promise<void> {
  return importDated(run, source, POST_SHEET, (raw) => parseRow('领导职数', raw));
}
