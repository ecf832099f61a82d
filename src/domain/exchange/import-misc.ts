// The small sheets: 地区 (regions the file uses), 人口 (population by year) and 学生数.
import { checkRegionCode } from '../../common/codes/regions.ts';
import * as regions from '../../db/repositories/regions.ts';
import * as students from '../../db/repositories/students.ts';
import { ensureRegionIn, nationalChain } from '../regions/ensure-region.ts';
import { checkRowRegion, type ImportRun } from './import-context.ts';
import { checkUnitOfRejectedRow, loadUnitsOfRegion, resolveUnit } from './import-establishment.ts';
import { parseRow } from './parse-row.ts';
import type { SheetSource } from './sources.ts';
import type { PopulationRow, StudentRow } from '../../common/exchange.ts';
import type { StudentRecord } from '../../db/repositories/students.ts';
import {
  insertPopulations,
  insertStudentCounts,
  populationKey,
  retractRows,
} from '../../db/repositories/ledger-bulk.ts';
import { auditBatch, stageInBatches, type AuditedRow } from './import-batches.ts';

export async function importRegions(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, db, staged, ctx, actor } = run;
  const seen = new Map<string, number>();
  for await (const raw of source.rows()) {
    state.tick('地区');
    const parsed = parseRow('地区', raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) continue;
    const first = seen.get(row.code);
    if (first !== undefined) {
      state.error({
        table: '地区',
        row: raw.rowNumber,
        column: '行政区划代码',
        reason: `与第${first}行重复`,
      });
      continue;
    }
    seen.set(row.code, raw.rowNumber);
    const known = await regions.findRegion(db, row.code);
    if (known) {
      run.regions.add(row.code);
      state.count('地区', 'unchanged');
      continue;
    }
    if (nationalChain(row.code).length === 0) {
      // A retired code (e.g. a county merged away) is accepted when its shape and province are valid.
      const check = checkRegionCode(row.code, { allowRetired: true });
      if (!check.ok) {
        state.error({ table: '地区', row: raw.rowNumber, column: '行政区划代码', reason: check.reason });
        continue;
      }
    }
    if (state.allowedRegions && !state.allowedRegions.has(row.code)) {
      state.error({
        table: '地区',
        row: raw.rowNumber,
        column: '行政区划代码',
        reason: `无权导入行政区划 ${row.code} 的数据`,
      });
      continue;
    }
    staged.step(async (trx, _ids, audit) => {
      await ensureRegionIn(ctx, trx, actor, row.code, { name: row.name, parentCode: row.parentCode }, (e) =>
        audit.add(e),
      );
    });
    run.regions.add(row.code);
    state.count('地区', 'inserted');
  }
}

export async function importPopulation(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, db, staged } = run;
  const seen = new Map<string, number>();
  const loadedRegions = new Set<string>();
  const writes: PopulationWrite[] = [];
  for await (const raw of source.rows()) {
    state.tick('人口');
    const parsed = parseRow('人口', raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) {
      await checkUnitOfRejectedRow(run, '人口', raw, parsed.errors);
      continue;
    }
    if (!(await checkRowRegion(run, '人口', raw.rowNumber, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
    let unitId: number | null = null;
    if (row.unitCode !== null) {
      unitId = resolveUnit(run, '人口', raw.rowNumber, row.regionCode, row.unitCode);
      if (unitId === null) continue;
    }
    const key = `${row.regionCode}|${row.unitCode ?? ''}|${row.year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({ table: '人口', row: raw.rowNumber, column: '年份', reason: `与第${first}行重复` });
      continue;
    }
    seen.set(key, raw.rowNumber);
    // A unit this import creates (a placeholder id) has nothing recorded yet: no look-up (a round
    // trip per row on PostgreSQL, tens of thousands in a province).
    const current =
      unitId !== null && unitId < 0
        ? undefined
        : await regions.findPopulation(db, { regionCode: row.regionCode, unitId, year: row.year });
    if (current && current.population === row.population) {
      state.count('人口', 'unchanged');
      continue;
    }
    writes.push({ unitId, row, current: current ?? null });
    state.count('人口', current ? 'updated' : 'inserted');
  }
  const { at } = run;
  stageInBatches(staged, writes, async (trx, ids, batch, audit) => {
    const resolved = batch.map((w) => ({ ...w, unitId: ids.resolveOrNull(w.unitId) }));
    await retractRows(
      trx,
      'region_population',
      resolved.flatMap((w) => (w.current ? [w.current.id] : [])),
      at,
    );
    const inserted = await insertPopulations(
      trx,
      resolved.map(({ unitId, row }) => ({
        regionCode: row.regionCode,
        unitId,
        year: row.year,
        population: row.population,
        at,
      })),
    );
    const audited: AuditedRow[] = resolved.map(({ unitId, row, current }) => {
      const id = inserted.get(populationKey(row.regionCode, unitId, row.year));
      if (id === undefined) throw new Error('导入内部错误：人口未全部取得编号');
      return {
        regionCode: row.regionCode,
        id,
        before: current ? { unitCode: row.unitCode, year: row.year, population: current.population } : null,
        after: { unitCode: row.unitCode, year: row.year, population: row.population },
        label: `${row.year}年 ${row.unitCode ?? row.regionCode}：${row.population}`,
      };
    });
    auditBatch(audit, 'population.import', 'population', '导入人口', audited);
  });
}

interface PopulationWrite {
  unitId: number | null;
  row: PopulationRow;
  current: { id: number; population: number } | null;
}

export async function importStudents(run: ImportRun, source: SheetSource): Promise<void> {
  const { state, db, staged } = run;
  const seen = new Map<string, number>();
  const loadedRegions = new Set<string>();
  const writes: StudentsWrite[] = [];
  for await (const raw of source.rows()) {
    state.tick('学生数');
    const parsed = parseRow('学生数', raw);
    for (const e of parsed.errors) state.error(e);
    const row = parsed.row;
    if (!row) {
      await checkUnitOfRejectedRow(run, '学生数', raw, parsed.errors);
      continue;
    }
    if (!(await checkRowRegion(run, '学生数', raw.rowNumber, row.regionCode))) continue;
    await loadUnitsOfRegion(run, row.regionCode, loadedRegions);
    const unitId = resolveUnit(run, '学生数', raw.rowNumber, row.regionCode, row.unitCode);
    if (unitId === null) continue;
    const key = `${unitId}|${row.year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      state.error({ table: '学生数', row: raw.rowNumber, column: '年份', reason: `与第${first}行重复` });
      continue;
    }
    seen.set(key, raw.rowNumber);
    const current = unitId < 0 ? undefined : await students.findStudents(db, unitId, row.year);
    const next = {
      unitId,
      year: row.year,
      senior: row.senior,
      junior: row.junior,
      primary: row.primary,
      preschool: row.preschool,
    };
    if (
      current &&
      current.senior === next.senior &&
      current.junior === next.junior &&
      current.primary === next.primary &&
      current.preschool === next.preschool
    ) {
      state.count('学生数', 'unchanged');
      continue;
    }
    writes.push({ next, row, current: current ?? null });
    state.count('学生数', current ? 'updated' : 'inserted');
  }
  const { at } = run;
  stageInBatches(staged, writes, async (trx, ids, batch, audit) => {
    const applied = batch.map((w) => ({ ...w, next: { ...w.next, unitId: ids.resolve(w.next.unitId) } }));
    await retractRows(
      trx,
      'student_counts',
      applied.flatMap((w) => (w.current ? [w.current.id] : [])),
      at,
    );
    await insertStudentCounts(
      trx,
      applied.map((w) => ({ ...w.next, at })),
    );
    auditBatch(
      audit,
      'students.import',
      'students',
      '导入学生数',
      applied.map(({ next, row, current }) => ({
        regionCode: row.regionCode,
        id: next.unitId,
        before: current ? { ...current } : null,
        after: next,
        label: `${row.year}年 ${row.unitCode}`,
      })),
    );
  });
}

interface StudentsWrite {
  next: {
    unitId: number;
    year: number;
    senior: number | null;
    junior: number | null;
    primary: number | null;
    preschool: number | null;
  };
  row: StudentRow;
  current: StudentRecord | null;
}
