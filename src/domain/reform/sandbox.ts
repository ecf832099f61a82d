// The plan sandbox, pure: a plan's changes projected onto a copy of the county's state — the
// matters' own projection (rules.ts) for the numbers and every rule, and the unit attributes
// (名称, 规格, new units) carried alongside — then the 基本情况 figures after the plan by the
// report's own definitions (basic-rules.ts), the framework chart and a per-unit diff.
import type { Change } from '../../common/matters.ts';
import { BASIC_PLACES } from '../../common/report-basic.ts';
import type { UnitCategory } from '../../common/labels.ts';
import type { Breach, SandboxResult, UnitDiff } from '../../common/wire-reform.ts';
import type { UnitNode } from '../../common/wire.ts';
import { REPORTING_TYPES, type ReportingType } from '../establishment/rules.ts';
import { basicFigures, type UnitAttributes, type UnitCells } from '../reports/basic-rules.ts';
import { evaluateRules, project, type LedgerSnapshot } from '../matters/rules.ts';

/** A unit of the county before the plan: its report attributes and cells. */
export interface SandboxUnit {
  id: number;
  code: string;
  name: string;
  parentUnitId: number | null;
  attributes: UnitAttributes;
  cells: UnitCells;
}

interface AfterUnit {
  id: number;
  code: string;
  name: string;
  parentUnitId: number | null;
  attributes: UnitAttributes;
  politicalLegalApproved: number;
  examPending: Record<ReportingType, number>;
}

const byType = <T>(f: (t: ReportingType) => T): Record<ReportingType, T> => ({
  行政编制: f('行政编制'),
  事业编制: f('事业编制'),
  聘用编制: f('聘用编制'),
});

/** Units merged away or abolished by the plan. */
export function goneUnits(
  changes: readonly Change[],
): Map<number, { fate: '撤销' | '并入'; into: number | null }> {
  const out = new Map<number, { fate: '撤销' | '并入'; into: number | null }>();
  for (const c of changes) {
    if (c.kind === 'abolish') out.set(c.unitId, { fate: '撤销', into: null });
    if (c.kind === 'merge') for (const id of c.unitIds) out.set(id, { fate: '并入', into: c.intoUnitId });
  }
  return out;
}

/** Attributes after the plan (new units get the negative ids rules.ts#project gives them, in order). */
function attributesAfter(before: readonly SandboxUnit[], changes: readonly Change[]): Map<number, AfterUnit> {
  const units = new Map<number, AfterUnit>(
    before.map((u) => [
      u.id,
      {
        id: u.id,
        code: u.code,
        name: u.name,
        parentUnitId: u.parentUnitId,
        attributes: { ...u.attributes },
        politicalLegalApproved: u.cells.politicalLegalApproved,
        examPending: byType((t) => u.cells.byType[t].examPending),
      },
    ]),
  );
  let newId = -1;
  const politicalLegal = (unitId: number, delta: number) => {
    const u = units.get(unitId);
    if (u) u.politicalLegalApproved += delta;
  };
  for (const c of changes) {
    switch (c.kind) {
      case 'establish': {
        const id = newId--;
        units.set(id, {
          id,
          code: c.code,
          name: c.name,
          parentUnitId: c.parentUnitId,
          attributes: {
            category: c.category,
            rank: c.rank,
            affiliation: c.affiliation,
            countsTowardDirectLimit: c.countsTowardDirectLimit ?? false,
            funding: c.funding,
            type: c.type,
            sector: c.sector,
          },
          politicalLegalApproved: 0,
          examPending: byType(() => 0),
        });
        break;
      }
      case 'rename': {
        const u = units.get(c.unitId);
        if (u) u.name = c.name;
        break;
      }
      case 'rank': {
        const u = units.get(c.unitId);
        if (u) u.attributes.rank = c.rank;
        break;
      }
      case 'quotaAdd':
      case 'quotaReduce':
        if (c.quotaType === '政法专项编制')
          politicalLegal(c.unitId, c.kind === 'quotaAdd' ? c.amount : -c.amount);
        break;
      case 'transfer':
        if (c.quotaType === '政法专项编制') for (const l of c.lines) politicalLegal(l.unitId, l.delta);
        break;
      default:
        break;
    }
  }
  return units;
}

const node = (u: {
  id: number;
  code: string;
  name: string;
  parentUnitId: number | null;
  category: string;
}): UnitNode => ({
  id: u.id,
  code: u.code,
  name: u.name,
  category: u.category as UnitCategory,
  parentId: u.parentUnitId,
  exists: true,
});

/** The county figures of the report (count places only), keyed as basicFigures keys them. */
function figureList(before: Record<string, number>, after: Record<string, number>) {
  const seen = new Set<string>();
  const out: SandboxResult['figures'] = [];
  for (const p of BASIC_PLACES) {
    if (p.kind !== 'count' || seen.has(p.key)) continue;
    seen.add(p.key);
    out.push({ key: p.key, label: p.label, before: before[p.key] ?? 0, after: after[p.key] ?? 0 });
  }
  return out;
}

export function runSandbox(opts: {
  planId: number | null;
  asOf: string;
  units: readonly SandboxUnit[];
  snapshot: LedgerSnapshot;
  changes: readonly Change[];
}): SandboxResult {
  const { snapshot, changes } = opts;
  const gone = goneUnits(changes);
  const { after } = project(snapshot, changes);
  const attrs = attributesAfter(opts.units, changes);
  const beforeCells = opts.units.map((u) => u.cells);

  const afterCells: UnitCells[] = [];
  for (const [id, a] of attrs) {
    if (gone.has(id)) continue;
    const n = after.units.get(id);
    if (!n) continue;
    afterCells.push({
      unit: a.attributes,
      byType: byType((t) => ({
        approved: n.byType[t].approved,
        actual: n.byType[t].actual,
        pending: n.byType[t].pending,
        examPending: Math.min(a.examPending[t], Math.max(0, n.byType[t].pending)),
      })),
      politicalLegalApproved: a.politicalLegalApproved,
      posts: { 正科: { ...n.posts['正科'] }, 副科: { ...n.posts['副科'] } },
    });
  }

  const nameOf = (id: number | null) =>
    id === null ? null : (attrs.get(id)?.name ?? snapshot.units.get(id)?.name ?? null);
  const rules: Breach[] = evaluateRules(snapshot, changes, { exception: false }).map((r) => ({
    ...r,
    unitName: nameOf(r.unitId),
  }));

  const diff: UnitDiff[] = [];
  const beforeById = new Map(opts.units.map((u) => [u.id, u]));
  for (const [id, a] of attrs) {
    const b = beforeById.get(id);
    const sb = snapshot.units.get(id);
    const sa = after.units.get(id);
    const g = gone.get(id);
    const approvedBefore = byType((t) => sb?.byType[t].approved ?? 0);
    const actualBefore = byType((t) => sb?.byType[t].actual ?? 0);
    const approvedAfter = byType((t) => (g ? 0 : (sa?.byType[t].approved ?? 0)));
    const actualAfter = byType((t) => (g ? 0 : (sa?.byType[t].actual ?? 0)));
    const postsBefore = { 正科: sb?.posts['正科'].approved ?? 0, 副科: sb?.posts['副科'].approved ?? 0 };
    const postsAfter = {
      正科: g ? 0 : (sa?.posts['正科'].approved ?? 0),
      副科: g ? 0 : (sa?.posts['副科'].approved ?? 0),
    };
    const dutiesBefore = sb?.responsibilities ?? null;
    const dutiesAfter = g ? null : (sa?.responsibilities ?? null);
    const rankAfter = g ? null : a.attributes.rank;
    const nameAfter = g ? null : a.name;
    const changed =
      !b ||
      g !== undefined ||
      b.name !== a.name ||
      b.attributes.rank !== a.attributes.rank ||
      REPORTING_TYPES.some(
        (t) => approvedBefore[t] !== approvedAfter[t] || actualBefore[t] !== actualAfter[t],
      ) ||
      postsBefore['正科'] !== postsAfter['正科'] ||
      postsBefore['副科'] !== postsAfter['副科'] ||
      dutiesBefore !== dutiesAfter;
    if (!changed) continue;
    diff.push({
      unitId: id,
      code: a.code,
      nameBefore: b ? b.name : null,
      nameAfter,
      category: a.attributes.category,
      status: !b ? '新设' : g ? (g.fate === '并入' ? `并入${nameOf(g.into) ?? ''}` : '撤销') : '调整',
      rankBefore: b ? b.attributes.rank : null,
      rankAfter,
      approvedBefore,
      approvedAfter,
      actualBefore,
      actualAfter,
      postsBefore,
      postsAfter,
      dutiesBefore,
      dutiesAfter,
    });
  }

  return {
    planId: opts.planId,
    asOf: opts.asOf,
    figures: figureList(basicFigures(beforeCells), basicFigures(afterCells)),
    breaches: rules.filter((r) => !r.ok),
    rules,
    diff,
    chartBefore: opts.units.map((u) => node({ ...u, category: u.attributes.category })),
    chartAfter: [...attrs.values()]
      .filter((u) => !gone.has(u.id))
      .map((u) => node({ ...u, category: u.attributes.category })),
  };
}
