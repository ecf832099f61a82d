// The history from before the system (docs/import.md): 机构沿革 (past states of units, stored
// as dated unit versions, so that the as-of report and 沿革 cover those years) and 历史事项 (past
// matters with their 文号, for 沿革 and 工作统计). Like every importer: read, check, stage.
import type { HistoryMatterRow } from '../../common/exchange.ts';
import {
  findHistoryMatter,
  insertHistoryMatter,
  retractHistoryMatter,
} from '../../db/repositories/history.ts';
import * as units from '../../db/repositories/units.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { loadUnitsOfRegion, resolveUnit } from './import-establishment.ts';
import { parseRow, rowKey } from './parse-row.ts';
import type { SheetSource } from './sources.ts';

/** Whether the unit id is one the database already knows (not a placeholder of this run). */
const inDatabase = (id: number): boolean => id > 0;

export async function importUnitHistory(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, db, staged, actor } = run;
  const seen = new Map<string, number>();
  const loadedRegions = new Set<string>();
  for await (const raw of source.rows()) {
    state.tick('机构沿革');
    const parsed = parseRow('机构沿革', raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) continue;
    if (!(await checkRowRegion(run, '机构沿革', raw.rowNumber, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
    const unitId = resolveUnit(run, '机构沿革', raw.rowNumber, row.regionCode, row.unitCode);
    if (unitId === null) continue;
    const parentId =
      row.parentCode === null
        ? null
        : resolveUnit(run, '机构沿革', raw.rowNumber, row.regionCode, row.parentCode);
    if (row.parentCode !== null && parentId === null) continue;
    const key = rowKey('机构沿革', row);
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({
        table: '机构沿革',
        row: raw.rowNumber,
        column: '生效日期',
        reason: `与第${first}行重复`,
      });
      continue;
    }
    seen.set(key, raw.rowNumber);
    const versions = inDatabase(unitId) ? await units.unitVersions(db, unitId) : [];
    const live = versions.filter((v) => !v.retracted);
    const same = live.find(
      (v) =>
        v.validFrom === row.validFrom &&
        v.changeKind === row.changeKind &&
        v.name === row.name &&
        v.docNo === row.docNo &&
        v.category === row.category &&
        v.rank === row.rank,
    );
    if (same) {
      state.count('机构沿革', 'unchanged');
      continue;
    }
    const replaced = live.find((v) => v.validFrom === row.validFrom && v.changeKind === row.changeKind);
    const { at } = run;
    staged.step(async (trx, ids, audit) => {
      const id = ids.resolve(unitId);
      // What the sheet does not carry (成立/撤销日期, 法人, 代码 …) is taken from the unit's latest
      // state, read when the step runs: a unit new in this run has its 机构 sheet's row by then.
      const recorded = (await units.unitVersions(trx, id)).filter((v) => !v.retracted);
      const latest = recorded[recorded.length - 1];
      if (replaced) await units.retractVersion(trx, replaced.versionId, at);
      const versionId = await units.insertVersion(
        trx,
        units.versionValues(
          id,
          {
            name: row.name,
            shortName: null,
            parentUnitId: ids.resolveOrNull(parentId),
            category: row.category,
            rank: row.rank,
            affiliation: row.affiliation,
            countsTowardDirectLimit: latest?.countsTowardDirectLimit ?? null,
            funding: row.funding,
            type: row.type,
            sector: row.sector,
            legalPerson: latest?.legalPerson ?? null,
            uscc: latest?.uscc ?? null,
            foundedOn: latest?.foundedOn ?? null,
            abolishedOn: latest?.abolishedOn ?? null,
          },
          { validFrom: row.validFrom, changeKind: row.changeKind, docNo: row.docNo, at, by: actor.id },
        ),
      );
      audit.add({
        action: 'unit.correct',
        entityType: 'unit',
        entityId: id,
        regionCode: row.regionCode,
        summary: `导入机构沿革 ${row.unitCode} ${row.validFrom} ${row.changeKind}：${row.name}`,
        payload: { before: null, after: { versionId, ...row } },
      });
    });
    state.count('机构沿革', replaced ? 'updated' : 'inserted');
  }
}

function sameMatter(
  a: { effectiveOn: string; amount: number; channel: string | null; note: string | null; unitName: string },
  b: HistoryMatterRow,
  unitName: string,
): boolean {
  return (
    a.effectiveOn === b.date &&
    a.amount === b.amount &&
    a.channel === b.channel &&
    a.note === b.note &&
    a.unitName === unitName
  );
}

export async function importHistoryMatters(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, db, staged } = run;
  const seen = new Map<string, number>();
  const loadedRegions = new Set<string>();
  for await (const raw of source.rows()) {
    state.tick('历史事项');
    const parsed = parseRow('历史事项', raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) continue;
    if (!(await checkRowRegion(run, '历史事项', raw.rowNumber, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
    let unitId: number | null = null;
    if (row.unitCode !== null) {
      unitId = resolveUnit(run, '历史事项', raw.rowNumber, row.regionCode, row.unitCode);
      if (unitId === null) continue;
    }
    const key = rowKey('历史事项', row);
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({ table: '历史事项', row: raw.rowNumber, column: '文号', reason: `与第${first}行重复` });
      continue;
    }
    seen.set(key, raw.rowNumber);
    const unitName = row.unitName ?? row.unitCode ?? '全县';
    const current =
      unitId === null || inDatabase(unitId)
        ? await findHistoryMatter(db, {
            regionCode: row.regionCode,
            docNo: row.docNo,
            unitId,
            kind: row.kind,
            quotaType: row.quotaType,
          })
        : null;
    if (current && sameMatter(current, row, unitName)) {
      state.count('历史事项', 'unchanged');
      continue;
    }
    const { at } = run;
    staged.step(async (trx, ids, audit) => {
      if (current) await retractHistoryMatter(trx, current.id, at);
      const id = await insertHistoryMatter(trx, {
        regionCode: row.regionCode,
        docNo: row.docNo,
        effectiveOn: row.date,
        unitId: ids.resolveOrNull(unitId),
        unitName,
        kind: row.kind,
        quotaType: row.quotaType,
        amount: row.amount,
        channel: row.channel,
        note: row.note,
        at,
      });
      audit.add({
        action: 'history.import',
        entityType: 'history_matter',
        entityId: id,
        regionCode: row.regionCode,
        summary: `导入历史事项 ${row.docNo} ${row.kind} ${unitName}`,
        payload: { before: current ? { ...current } : null, after: { ...row } },
      });
    });
    state.count('历史事项', current ? 'updated' : 'inserted');
  }
}
