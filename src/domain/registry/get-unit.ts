// A unit's page: its state as of a date, plaques, history, quota and post rows, and figures.
import type { UnitDetail } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import * as est from '../../db/repositories/establishment.ts';
import { leadersOn, staffCountsOn } from '../../db/repositories/people.ts';
import { currentPlaques, unitAsOf, unitsAsOf, unitVersions } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { figure, reportingType, REPORTING_TYPES, rowsInForce, sumFigures } from '../establishment/rules.ts';
import { authorize } from '../accounts/authorize.ts';
import { unitEntriesOn } from '../reports/compute-basic.ts';

type Detail = UnitDetail;

export async function getUnit(
  ctx: AppContext,
  opts: { principal: Principal; unitId: number; asOf: string },
): Promise<Detail> {
  const db = ctx.db.kysely;
  await authorize(db, opts.principal, 'unit.read', { units: [opts.unitId] });
  const unit = await unitAsOf(db, opts.unitId, opts.asOf);
  if (!unit) throw notFound('机构');
  const [versions, quotaRows, postRows, plaques, staff, leaders, siblings] = await Promise.all([
    unitVersions(db, unit.id),
    est.quotaHistory(db, unit.id),
    est.postHistory(db, unit.id),
    currentPlaques(db, [unit.id]),
    staffCountsOn(db, [unit.id], opts.asOf),
    leadersOn(db, [unit.id], opts.asOf),
    unitsAsOf(db, [unit.regionCode], opts.asOf),
  ]);
  const parent = unit.parentUnitId === null ? undefined : siblings.find((u) => u.id === unit.parentUnitId);
  const children = siblings.filter((u) => u.parentUnitId === unit.id);

  const activeQuotas = quotaRows.filter((q) => !q.retracted);
  const quotasInForce = new Set(
    rowsInForce(activeQuotas, (q) => `${q.quotaType}|${q.source}`, opts.asOf).map((q) => q.id),
  );
  const activePosts = postRows.filter((p) => !p.retracted);
  const postsInForce = rowsInForce(activePosts, (p) => p.level, opts.asOf);

  const approvedByType = new Map<string, number>();
  for (const q of activeQuotas) {
    if (!quotasInForce.has(q.id)) continue;
    const t = reportingType(q.quotaType);
    approvedByType.set(t, (approvedByType.get(t) ?? 0) + q.approved);
  }
  const staffByType = new Map<string, { actual: number; pending: number }>();
  for (const s of staff) {
    const t = reportingType(s.quotaType);
    const cur = staffByType.get(t) ?? { actual: 0, pending: 0 };
    staffByType.set(t, { actual: cur.actual + s.actual, pending: cur.pending + s.pending });
  }
  // The figures of a unit the report counts are that unit's cells in the report itself (one
  // source for every figure on screen); a unit the report leaves out (内设机构, not in force on
  // the date) keeps the figures of its own rows.
  const entry = (await unitEntriesOn(db, [unit.regionCode], opts.asOf)).find((e) => e.unit.id === unit.id);
  const figures = entry
    ? REPORTING_TYPES.filter((t) => {
        const c = entry.cells.byType[t];
        return c.approved > 0 || c.actual > 0 || c.pending > 0 || approvedByType.has(t);
      }).map((t) => {
        const c = entry.cells.byType[t];
        return { quotaType: t, ...figure(c.approved, c.actual, c.pending) };
      })
    : REPORTING_TYPES.filter((t) => approvedByType.has(t) || staffByType.has(t)).map((t) => ({
        quotaType: t,
        ...figure(
          approvedByType.get(t) ?? 0,
          staffByType.get(t)?.actual ?? 0,
          staffByType.get(t)?.pending ?? 0,
        ),
      }));

  return {
    id: unit.id,
    regionCode: unit.regionCode,
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName,
    category: unit.category as Detail['category'],
    rank: unit.rank as Detail['rank'],
    affiliation: unit.affiliation as Detail['affiliation'],
    countsTowardDirectLimit: unit.countsTowardDirectLimit,
    funding: unit.funding as Detail['funding'],
    type: unit.type as Detail['type'],
    sector: unit.sector as Detail['sector'],
    legalPerson: unit.legalPerson,
    uscc: unit.uscc,
    foundedOn: unit.foundedOn,
    abolishedOn: unit.abolishedOn,
    responsibilities: unit.responsibilities ?? null,
    sandingDocNo: unit.sandingDocNo ?? null,
    sandingDate: unit.sandingDate ?? null,
    parent: parent ? { id: parent.id, code: parent.code, name: parent.name } : null,
    children: children.map((c) => ({ id: c.id, code: c.code, name: c.name, category: c.category })),
    plaques: (plaques.get(unit.id) ?? []).map((p) => ({
      name: p.name,
      validFrom: p.validFrom,
      validTo: p.validTo,
    })),
    history: versions.map((v) => ({
      validFrom: v.validFrom,
      changeKind: v.changeKind,
      name: v.name,
      category: v.category,
      rank: v.rank,
      docNo: v.docNo,
      recordedAt: v.recordedAt,
      retracted: v.retracted,
    })),
    quotas: quotaRows.map((q) => ({
      id: q.id,
      quotaType: q.quotaType as Detail['quotas'][number]['quotaType'],
      source: q.source as Detail['quotas'][number]['source'],
      approved: q.approved,
      effectiveFrom: q.effectiveFrom,
      docNo: q.docNo,
      inForce: quotasInForce.has(q.id),
      retracted: q.retracted,
      recordedAt: q.recordedAt,
    })),
    posts: postRows.map((p) => ({
      id: p.id,
      level: p.level as Detail['posts'][number]['level'],
      approved: p.approved,
      effectiveFrom: p.effectiveFrom,
      docNo: p.docNo,
      inForce: postsInForce.some((f) => f.id === p.id),
      retracted: p.retracted,
      recordedAt: p.recordedAt,
    })),
    figures,
    figureTotal: figures.length > 1 ? sumFigures(figures) : null,
    postFigures: (['正科', '副科'] as const).map((level) => ({
      level,
      approved: postsInForce.find((p) => p.level === level)?.approved ?? 0,
      filled: leaders.find((l) => l.level === level)?.filled ?? 0,
    })),
    asOf: opts.asOf,
  };
}
