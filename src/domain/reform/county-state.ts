// Reads the county's state on a date for the reform: the units with their report cells (the
// 基本情况 report's own per-unit entries), the matters' rule snapshot, and a baseline's content.
import type { Change } from '../../common/matters.ts';
import type { BaselineContent, BaselineUnit } from '../../common/wire-reform.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { establishmentPeopleOn, unitDetailsOn, type ProjectRecord } from '../../db/repositories/reform.ts';
import { REPORTING_TYPES } from '../establishment/rules.ts';
import { loadSnapshot } from '../matters/snapshot.ts';
import { unitEntriesOn } from '../reports/compute-basic.ts';
import type { SandboxUnit } from './sandbox.ts';

export async function sandboxUnitsOn(db: Executor, regionCode: string, date: string): Promise<SandboxUnit[]> {
  const entries = await unitEntriesOn(db, [regionCode], date);
  return entries.map(({ unit, cells }) => ({
    id: unit.id,
    code: unit.code,
    name: unit.name,
    parentUnitId: unit.parentUnitId,
    attributes: cells.unit,
    cells,
  }));
}

export async function countyState(
  db: Executor,
  opts: { regionCode: string; date: string; changes: readonly Change[] },
) {
  const [units, snapshot] = await Promise.all([
    sandboxUnitsOn(db, opts.regionCode, opts.date),
    loadSnapshot(db, opts),
  ]);
  return { units, snapshot };
}

/** The units on `date` as a baseline records them; `scope` null for the whole county. */
export async function baselineUnitsOn(
  db: Executor,
  regionCode: string,
  date: string,
  scope: readonly number[] | null,
): Promise<BaselineUnit[]> {
  const [units, details, people] = await Promise.all([
    sandboxUnitsOn(db, regionCode, date),
    unitDetailsOn(db, regionCode, date),
    establishmentPeopleOn(db, regionCode, date),
  ]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const wanted = scope === null ? null : new Set(scope);
  const peopleOf = new Map<number, number[]>();
  for (const p of people) peopleOf.set(p.unitId, [...(peopleOf.get(p.unitId) ?? []), p.personId]);
  return units
    .filter((u) => wanted === null || wanted.has(u.id))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((u) => {
      const d = details.get(u.id);
      const byType = {} as BaselineUnit['byType'];
      for (const t of REPORTING_TYPES) {
        const c = u.cells.byType[t];
        byType[t] = { approved: c.approved, actual: c.actual, pending: c.pending };
      }
      return {
        id: u.id,
        code: u.code,
        name: u.name,
        category: u.attributes.category,
        rank: u.attributes.rank,
        affiliation: u.attributes.affiliation,
        parentUnitId: u.parentUnitId,
        parentName: u.parentUnitId === null ? null : (names.get(u.parentUnitId) ?? null),
        responsibilities: d?.responsibilities ?? null,
        sandingDocNo: d?.sandingDocNo ?? null,
        sandingDate: d?.sandingDate ?? null,
        posts: {
          正科: { ...u.cells.posts['正科'] },
          副科: { ...u.cells.posts['副科'] },
        },
        byType,
        politicalLegalApproved: u.cells.politicalLegalApproved,
        people: peopleOf.get(u.id) ?? [],
      };
    });
}

export async function baselineContent(db: Executor, project: ProjectRecord): Promise<BaselineContent> {
  return {
    regionCode: project.regionCode,
    projectId: project.id,
    projectName: project.name,
    asOf: project.baselineDate,
    wholeCounty: project.scopeUnitIds === null,
    units: await baselineUnitsOn(db, project.regionCode, project.baselineDate, project.scopeUnitIds),
  };
}
