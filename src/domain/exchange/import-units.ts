// The 机构 sheet: creates units and corrects their recorded state, keeping every old version.
import { PLAQUE_SEPARATOR, rowKeyColumns, type UnitRow } from '../../common/exchange.ts';
import * as units from '../../db/repositories/units.ts';
import type { UnitRecord, UnitState } from '../../db/repositories/units.ts';
import type { SheetSource } from './sources.ts';
import { parseRow } from './parse-row.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { cellText, unitKey } from './import-state.ts';
import { auditBatch, stageInBatches, type AuditedRow } from './import-batches.ts';
import type { NewUnitVersion } from '../../db/database.ts';
import { insertPlaques, insertUnitVersions, retractRows } from '../../db/repositories/ledger-bulk.ts';

/** The start of a unit's first version when its founding date is not known. */
export const UNKNOWN_FOUNDING = '1900-01-01';

interface PendingUnit {
  rowNumber: number;
  row: UnitRow;
}

function stateOf(row: UnitRow, parentUnitId: number | null): UnitState {
  const institution = row.category === '事业单位';
  return {
    name: row.name,
    shortName: null,
    parentUnitId,
    category: row.category,
    rank: row.rank,
    affiliation: row.affiliation,
    countsTowardDirectLimit: institution
      ? (row.countsTowardDirectLimit ?? false)
      : row.countsTowardDirectLimit,
    funding: row.funding,
    type: institution ? (row.type ?? '一般') : row.type,
    sector: institution ? (row.sector ?? '其他') : row.sector,
    legalPerson: row.legalPerson,
    uscc: row.uscc,
    foundedOn: row.foundedOn,
    abolishedOn: row.abolishedOn,
    responsibilities: row.responsibilities,
    sandingDocNo: row.sandingDocNo,
    sandingDate: row.sandingDate,
  };
}

/** A sheet without the 职责/三定 columns keeps what the unit's current version records. */
function keepAbsent(next: UnitState, current: UnitState | undefined): UnitState {
  return {
    ...next,
    responsibilities:
      next.responsibilities === undefined ? (current?.responsibilities ?? null) : next.responsibilities,
    sandingDocNo: next.sandingDocNo === undefined ? (current?.sandingDocNo ?? null) : next.sandingDocNo,
    sandingDate: next.sandingDate === undefined ? (current?.sandingDate ?? null) : next.sandingDate,
  };
}

const STATE_FIELDS: (keyof UnitState)[] = [
  'name',
  'parentUnitId',
  'category',
  'rank',
  'affiliation',
  'countsTowardDirectLimit',
  'funding',
  'type',
  'sector',
  'legalPerson',
  'uscc',
  'foundedOn',
  'abolishedOn',
  'responsibilities',
  'sandingDocNo',
  'sandingDate',
];

export function sameState(a: UnitState, b: UnitState): boolean {
  return STATE_FIELDS.every((f) => a[f] === b[f]);
}

function snapshot(code: string, s: UnitState): Record<string, unknown> {
  return { code, ...s };
}

/** Reads the whole 机构 sheet (units are few), checks references, then writes. */
export async function importUnits(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, db, staged, actor } = run;
  const pending: PendingUnit[] = [];
  const seen = new Map<string, number>();
  for await (const raw of source.rows()) {
    state.tick('机构');
    const regionCell = cellText(raw.cells['行政区划代码']);
    const codeCell = cellText(raw.cells['机构编码']);
    if (regionCell !== null && codeCell !== null) state.unitCodesInFile.add(unitKey(regionCell, codeCell));
    const parsed = parseRow('机构', raw);
    for (const e of parsed.errors) state.error(e);
    if (!parsed.row) continue;
    const row = parsed.row;
    const key = unitKey(row.regionCode, row.code);
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({
        table: '机构',
        row: raw.rowNumber,
        column: '机构编码',
        reason: `与第${first}行重复（${rowKeyColumns('机构').join('+')}）`,
      });
      continue;
    }
    seen.set(key, raw.rowNumber);
    if (!(await checkRowRegion(run, '机构', raw.rowNumber, row.regionCode))) continue;
    pending.push({ rowNumber: raw.rowNumber, row });
  }

  const regionCodes = [...new Set(pending.map((p) => p.row.regionCode))];
  const existing = new Map<string, UnitRecord>();
  for (const u of await units.latestVersions(db, regionCodes)) existing.set(unitKey(u.regionCode, u.code), u);
  for (const [key, u] of existing) {
    state.unitIds.set(key, u.id);
    state.unitCategories.set(key, u.category);
  }
  for (const p of pending) state.unitCategories.set(unitKey(p.row.regionCode, p.row.code), p.row.category);

  // References: a parent must exist in the same region, in the file or the database, and no cycles.
  const valid: PendingUnit[] = [];
  for (const p of pending) {
    const { row } = p;
    if (row.parentCode !== null) {
      const parentKey = unitKey(row.regionCode, row.parentCode);
      if (row.parentCode === row.code) {
        state.error({
          table: '机构',
          row: p.rowNumber,
          column: '上级机构编码',
          reason: '上级机构不能是自身',
        });
        continue;
      }
      // A parent whose own row was rejected has its error already: no second one here.
      if (!seen.has(parentKey) && !existing.has(parentKey) && !state.unitCodesInFile.has(parentKey)) {
        state.error({
          table: '机构',
          row: p.rowNumber,
          column: '上级机构编码',
          reason: `上级机构 ${row.parentCode} 不存在`,
        });
        continue;
      }
    } else if (row.category === '内设机构') {
      state.error({
        table: '机构',
        row: p.rowNumber,
        column: '上级机构编码',
        reason: '内设机构必须填写所属机构',
      });
      continue;
    }
    valid.push(p);
  }

  // Identities first, so that parents can be linked in any row order: all new units in one
  // step (a few statements for tens of thousands of units), each placeholder bound to its id.
  const created = new Map<string, { placeholder: number; regionCode: string; code: string }>();
  for (const p of valid) {
    const key = unitKey(p.row.regionCode, p.row.code);
    if (!state.unitIds.has(key)) {
      const placeholder = staged.placeholder();
      state.unitIds.set(key, placeholder);
      created.set(key, { placeholder, regionCode: p.row.regionCode, code: p.row.code });
    }
  }
  if (created.size > 0) {
    const at = run.at;
    staged.step(async (trx, ids) => {
      const inserted = await units.insertUnits(
        trx,
        [...created.values()].map((u) => ({ regionCode: u.regionCode, code: u.code, at })),
      );
      for (const u of inserted) {
        const placeholder = created.get(unitKey(u.regionCode, u.code))?.placeholder;
        if (placeholder !== undefined) ids.bind(placeholder, u.id);
      }
      if (inserted.length !== created.size) throw new Error('导入内部错误：新增机构未全部取得编号');
    });
  }
  const plaquesByUnit = await units.currentPlaques(
    db,
    valid.map((p) => state.unitIds.get(unitKey(p.row.regionCode, p.row.code)) ?? 0).filter((id) => id > 0),
  );

  // The versions and plaques, in bulk: a few statements and one audit event per 1,000 units.
  const versions: VersionWrite[] = [];
  const plaques: PlaqueWrite[] = [];
  for (const p of valid) {
    const { row } = p;
    const key = unitKey(row.regionCode, row.code);
    const unitId = state.unitIds.get(key);
    if (unitId === undefined) continue;
    const parentId =
      row.parentCode === null ? null : (state.unitIds.get(unitKey(row.regionCode, row.parentCode)) ?? null);
    if (row.parentCode !== null && parentId === null) continue; // the parent's own row was rejected
    const current = existing.get(key);
    const next = keepAbsent(stateOf(row, parentId), current);
    let changed = false;
    if (!current) {
      versions.push({ unitId, row, next, current: null });
      state.count('机构', 'inserted');
    } else if (!sameState(current, next)) {
      // A correction of the recorded state: the old version stays, marked as retracted.
      versions.push({ unitId, row, next, current });
      changed = true;
    }
    const have = plaquesByUnit.get(unitId) ?? [];
    const wanted = row.plaques;
    const plaquesChanged = !(wanted.length === have.length && wanted.every((w, i) => w === have[i]?.name));
    if (plaquesChanged) plaques.push({ unitId, row, current: have });
    if (current) state.count('机构', changed || plaquesChanged ? 'updated' : 'unchanged');
  }
  const { at } = run;
  const by = actor.id;
  stageInBatches(staged, versions, async (trx, ids, batch, audit) => {
    const rows: NewUnitVersion[] = [];
    const audited: AuditedRow[] = [];
    for (const v of batch) {
      const id = ids.resolve(v.unitId);
      const applied = { ...v.next, parentUnitId: ids.resolveOrNull(v.next.parentUnitId) };
      const { current, row } = v;
      rows.push(
        current === null
          ? units.versionValues(id, applied, {
              validFrom: row.foundedOn ?? UNKNOWN_FOUNDING,
              changeKind: '导入',
              docNo: null,
              at,
              by,
            })
          : units.versionValues(
              id,
              { ...applied, shortName: current.shortName },
              { validFrom: current.validFrom, changeKind: '更正', docNo: current.docNo, at, by },
            ),
      );
      audited.push({
        regionCode: row.regionCode,
        id,
        before: current === null ? null : snapshot(row.code, current),
        after: snapshot(row.code, applied),
        label: `${row.code} ${row.name}`,
      });
    }
    await retractRows(
      trx,
      'unit_versions',
      batch.flatMap((v) => (v.current === null ? [] : [v.current.versionId])),
      at,
    );
    await insertUnitVersions(trx, rows);
    auditBatch(audit, 'unit.import', 'unit', '导入机构', audited);
  });
  stageInBatches(staged, plaques, async (trx, ids, batch, audit) => {
    const rows: { unitId: number; name: string; validFrom: string | null; at: string }[] = [];
    const audited: AuditedRow[] = [];
    for (const p of batch) {
      const id = ids.resolve(p.unitId);
      const { row } = p;
      for (const name of row.plaques) rows.push({ unitId: id, name, validFrom: row.foundedOn, at });
      audited.push({
        regionCode: row.regionCode,
        id,
        before: { unitCode: row.code, plaques: p.current.map((c) => c.name) },
        after: { unitCode: row.code, plaques: row.plaques },
        label: `${row.code} ${row.plaques.join(PLAQUE_SEPARATOR) || '（无）'}`,
      });
    }
    await retractRows(
      trx,
      'plaques',
      batch.flatMap((p) => p.current.map((c) => c.id)),
      at,
    );
    await insertPlaques(trx, rows);
    auditBatch(audit, 'plaque.import', 'unit', '导入加挂牌子', audited);
  });
}

interface VersionWrite {
  unitId: number;
  row: UnitRow;
  next: UnitState;
  /** The unit's current version, null for a unit this import creates. */
  current: UnitRecord | null;
}

interface PlaqueWrite {
  unitId: number;
  row: UnitRow;
  current: units.PlaqueRecord[];
}
