// The 首页 figures of a county: units by category and quota figures by type, from the same
// per-unit SQL aggregates as the 基本情况 report. A liaison's figures cover only their units.
import type { OverviewResponse } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize, liaisonSubtree } from '../accounts/authorize.ts';
import { figure, REPORTING_TYPES } from '../establishment/rules.ts';
import { unitEntriesOn } from '../reports/compute-basic.ts';

export async function getOverview(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; asOf: string },
): Promise<OverviewResponse> {
  await authorize(ctx.db.kysely, opts.principal, 'ledger.overview', { region: opts.regionCode });
  const subtree = await liaisonSubtree(ctx.db.kysely, opts.principal);
  const db = ctx.readDb.kysely; // a page that may lag a moment: the standby when there is one
  const region = await findRegion(db, opts.regionCode);
  if (!region) throw notFound(`行政区划 ${opts.regionCode} `);
  const entries = (await unitEntriesOn(db, [opts.regionCode], opts.asOf)).filter(
    (e) => subtree === null || subtree.has(e.unit.id),
  );
  // County figures are sums of per-unit figures: one unit's vacancy never offsets another's excess.
  const totals = new Map(REPORTING_TYPES.map((t) => [t as string, figure(0, 0, 0)]));
  const over: OverviewResponse['overQuotaUnits'] = [];
  const byCategory = new Map<string, number>();
  for (const { unit, cells } of entries) {
    byCategory.set(unit.category, (byCategory.get(unit.category) ?? 0) + 1);
    for (const t of REPORTING_TYPES) {
      const c = cells.byType[t];
      const f = figure(c.approved, c.actual, c.pending);
      const total = totals.get(t);
      if (total) {
        total.approved += f.approved;
        total.actual += f.actual;
        total.pending += f.pending;
        total.vacant += f.vacant;
        total.over += f.over;
        total.realVacant += f.realVacant;
      }
      if (f.over > 0) over.push({ id: unit.id, name: unit.name, quotaType: t, over: f.over });
    }
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
