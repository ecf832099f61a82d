// The 首页 figures of a county: units by category and quota figures by type, from SQL aggregates.
import type { OverviewResponse } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { approvedQuotasOn } from '../../db/repositories/establishment.ts';
import { staffCountsOn } from '../../db/repositories/people.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { unitsAsOf } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { assertCanReadRegion } from '../accounts/scope.ts';
import { figure, reportingType, REPORTING_TYPES, unitExistsOn } from '../establishment/rules.ts';

export async function getOverview(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; asOf: string },
): Promise<OverviewResponse> {
  assertCanReadRegion(opts.principal, opts.regionCode);
  const db = ctx.db.kysely;
  const region = await findRegion(db, opts.regionCode);
  if (!region) throw notFound(`行政区划 ${opts.regionCode} `);
  const units = (await unitsAsOf(db, [opts.regionCode], opts.asOf)).filter((u) => unitExistsOn(u, opts.asOf));
  const ids = units.filter((u) => u.category !== '内设机构').map((u) => u.id);
  const [approved, staff] = await Promise.all([
    approvedQuotasOn(db, ids, opts.asOf),
    staffCountsOn(db, ids, opts.asOf),
  ]);

  const perUnit = new Map<string, { a: number; h: number; p: number }>();
  const cell = (unitId: number, t: string) => {
    const key = `${unitId}|${reportingType(t)}`;
    const c = perUnit.get(key) ?? { a: 0, h: 0, p: 0 };
    perUnit.set(key, c);
    return c;
  };
  for (const q of approved) cell(q.unitId, q.quotaType).a += q.approved;
  for (const s of staff) {
    const c = cell(s.unitId, s.quotaType);
    c.h += s.actual;
    c.p += s.pending;
  }
  // County figures are sums of per-unit figures: one unit's vacancy never offsets another's excess.
  const totals = new Map(REPORTING_TYPES.map((t) => [t as string, figure(0, 0, 0)]));
  const over: OverviewResponse['overQuotaUnits'] = [];
  const names = new Map(units.map((u) => [u.id, u.name]));
  for (const [key, c] of perUnit) {
    const [unitId, t] = key.split('|');
    const f = figure(c.a, c.h, c.p);
    const total = totals.get(t ?? '');
    if (total) {
      total.approved += f.approved;
      total.actual += f.actual;
      total.pending += f.pending;
      total.vacant += f.vacant;
      total.over += f.over;
      total.realVacant += f.realVacant;
    }
    if (f.over > 0)
      over.push({
        id: Number(unitId),
        name: names.get(Number(unitId)) ?? '',
        quotaType: t ?? '',
        over: f.over,
      });
  }
  const byCategory = new Map<string, number>();
  for (const u of units) {
    if (u.category !== '内设机构') byCategory.set(u.category, (byCategory.get(u.category) ?? 0) + 1);
  }
  return {
    regionCode: region.code,
    regionName: region.name,
    asOf: opts.asOf,
    unitsByCategory: [...byCategory].map(([category, count]) => ({ category, count })),
    figures: REPORTING_TYPES.map((t) => ({ quotaType: t, ...(totals.get(t) ?? figure(0, 0, 0)) })),
    overQuotaUnits: over.sort((a, b) => b.over - a.over),
  };
}
