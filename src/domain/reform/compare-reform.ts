// The comparison after the reform: the frozen baseline against the ledger on a date — the
// 改革前后对比表 (counts by category and 规格, 领导职数, 编制, 实有) and, for each unit of the
// baseline, what it became and where its quotas and people went (from the implemented matters
// the project's plans filed, and from the people's placements now).
import type { Change } from '../../common/matters.ts';
import type { BaselineUnit, Comparison, UnitMapping } from '../../common/wire-reform.ts';
import type { UnitCategory } from '../../common/labels.ts';
import type { UnitNode } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { baselineOf, placementsOn, projectMatters, sealedHashOf } from '../../db/repositories/reform.ts';
import { unitIdsByCode } from '../../db/repositories/units.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { resolveByCode } from '../matters/change-rules.ts';
import { parseChanges } from '../matters/snapshot.ts';
import { comparisonRows, parseBaseline, sealHash } from './baseline.ts';
import { baselineUnitsOn } from './county-state.ts';
import { loadProject } from './manage-projects.ts';

const chart = (units: readonly BaselineUnit[]): UnitNode[] => {
  const ids = new Set(units.map((u) => u.id));
  return units.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    category: u.category as UnitCategory,
    parentId: u.parentUnitId !== null && ids.has(u.parentUnitId) ? u.parentUnitId : null,
    exists: true,
  }));
};

export async function compareReform(
  ctx: AppContext,
  opts: { principal: Principal | null; projectId: number; asOf?: string },
): Promise<Comparison> {
  const db = ctx.readDb.kysely;
  const project = await loadProject(ctx.db.kysely, opts.principal, opts.projectId, 'reform.read');
  const stored = await baselineOf(db, project.id);
  if (!stored) throw new AppError('CONFLICT', '该项目尚未冻结底数，不能进行改革前后对比');
  const sealed = await sealedHashOf(db, stored.id);
  if (sealHash(stored.content) !== stored.hash || sealed !== stored.hash)
    throw new AppError('CONFLICT', '冻结的底数与其哈希不符，底数可能被改动，请运行审计校验');
  const baseline = parseBaseline(stored.content);
  const asOf = opts.asOf ?? todayInChina();

  const codes = await unitIdsByCode(db, [project.regionCode]);
  // A unit a matter established and then gave quota or people (a local reference): its id now.
  const idOfCode = (code: string) => codes.get(`${project.regionCode}/${code}`);
  const implemented: Change[] = (await projectMatters(db, project.id))
    .filter((m) => m.state === 'implemented' && m.effectiveOn !== null && m.effectiveOn <= asOf)
    .flatMap((m) => resolveByCode(parseChanges(m.changes), idOfCode));
  const ledger = await baselineUnitsOn(db, project.regionCode, asOf, null);
  const ledgerById = new Map(ledger.map((u) => [u.id, u]));
  const before = new Map(baseline.units.map((u) => [u.id, u]));

  // The units of the reform after it: those of the baseline still standing and those its matters name.
  const concerned = new Set(baseline.units.map((u) => u.id));
  for (const c of implemented) {
    if (c.kind === 'establish') {
      const id = idOfCode(c.code);
      if (id !== undefined) concerned.add(id);
    } else if (c.kind === 'merge') concerned.add(c.intoUnitId);
    else if (c.kind === 'transfer') for (const l of c.lines) concerned.add(l.unitId);
    else if (c.kind === 'enter' || c.kind === 'posts') concerned.add(c.unitId);
    else if (c.kind === 'duty') concerned.add(c.toUnitId);
  }
  const after = baseline.wholeCounty ? ledger : ledger.filter((u) => concerned.has(u.id));

  const nameOf = (id: number) => ledgerById.get(id)?.name ?? before.get(id)?.name ?? `机构 ${id}`;
  const mergedInto = new Map<number, number>();
  for (const c of implemented)
    if (c.kind === 'merge') for (const id of c.unitIds) mergedInto.set(id, c.intoUnitId);

  const everyone = baseline.units.flatMap((u) => u.people);
  // Where each person was on the comparison date (not today: a later move is not the reform's).
  const now = await placementsOn(db, everyone, asOf);

  const mapping: UnitMapping[] = baseline.units.map((u) => {
    const standing = ledgerById.get(u.id);
    const into = mergedInto.get(u.id);
    const fate = standing
      ? standing.name === u.name
        ? '保留'
        : '更名'
      : into !== undefined
        ? '并入'
        : '撤销';
    const becomes = standing ? standing.name : into !== undefined ? nameOf(into) : null;
    const quotas: string[] = [];
    for (const c of implemented) {
      if (c.kind === 'transfer') {
        const out = c.lines.find((l) => l.unitId === u.id && l.delta < 0);
        if (!out) continue;
        const to = c.lines.filter((l) => l.delta > 0).map((l) => `${nameOf(l.unitId)} ${l.delta} 名`);
        quotas.push(`${c.quotaType}划出 ${-out.delta} 名：${to.join('、')}`);
      } else if (c.kind === 'quotaReduce' && c.unitId === u.id) {
        quotas.push(`${c.quotaType}核减 ${c.amount} 名`);
      }
    }
    const dest = new Map<string, number>();
    for (const id of u.people) {
      const pl = now.get(id);
      let where: string;
      if (!pl) where = '去向不明';
      else if (pl.status !== '在编') where = pl.status;
      else if (pl.unitId === u.id) continue;
      else where = `转至${nameOf(pl.unitId)}`;
      dest.set(where, (dest.get(where) ?? 0) + 1);
    }
    const people = [...dest].map(([where, n]) => `${n} 名${where}`);
    return { unitId: u.id, code: u.code, name: u.name, fate, becomes, quotas, people };
  });

  return {
    projectId: project.id,
    projectName: project.name,
    baselineDate: baseline.asOf,
    asOf,
    rows: comparisonRows(baseline.units, after),
    mapping,
    newUnits: after
      .filter((u) => !before.has(u.id))
      .map((u) => ({ unitId: u.id, code: u.code, name: u.name })),
    chartBefore: chart(baseline.units),
    chartAfter: chart(after),
  };
}
