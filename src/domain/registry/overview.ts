// The 首页 figures of a county, city or province: units by category and quota figures by type,
// from the same per-unit SQL aggregates as the 基本情况 report (a city's or province's are sums
// over its counties, with the counties that have no data named). A liaison's figures cover only
// their units.
import { UNIT_COUNT_BASIS } from '../../common/labels.ts';
import { countiesWithin } from '../../common/region-scope.ts';
import { regionWideWord } from '../../common/region-words.ts';
import type { OverviewResponse } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize, liaisonSubtree } from '../accounts/authorize.ts';
import { figure, REPORTING_TYPES, sumFigures, type Figure } from '../establishment/rules.ts';
import { unitEntriesOn } from '../reports/compute-basic.ts';
import { reportScope } from '../reports/report-scope.ts';

export async function getOverview(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; asOf: string },
): Promise<OverviewResponse> {
  await authorize(ctx.db.kysely, opts.principal, 'ledger.overview', { region: opts.regionCode });
  const subtree = await liaisonSubtree(ctx.db.kysely, opts.principal);
  const db = ctx.readDb.kysely; // a page that may lag a moment: the standby when there is one
  const region = await findRegion(db, opts.regionCode);
  if (!region) throw notFound(`行政区划 ${opts.regionCode} `);
  const level = region.level === 'province' || region.level === 'city' ? region.level : 'county';
  // The report's counties (those in the database) and every county the code table places below.
  const scope = await reportScope(db, opts.regionCode);
  const known = new Map(scope.counties.map((c) => [c.code, c.name]));
  for (const c of countiesWithin(opts.regionCode)) if (!known.has(c.code)) known.set(c.code, c.name);
  const entries = (await unitEntriesOn(db, [...known.keys()], opts.asOf)).filter(
    (e) => subtree === null || subtree.has(e.unit.id),
  );
  // Figures are sums of per-unit figures: one unit's vacancy never offsets another's excess.
  const byType = new Map<string, Figure[]>(REPORTING_TYPES.map((t) => [t, []]));
  const byCategory = new Map<string, Map<string, Figure[]>>();
  const over: OverviewResponse['overQuotaUnits'] = [];
  const withData = new Set<string>();
  for (const { unit, cells } of entries) {
    withData.add(unit.regionCode);
    const category = byCategory.get(unit.category) ?? new Map<string, Figure[]>();
    byCategory.set(unit.category, category);
    for (const t of REPORTING_TYPES) {
      const c = cells.byType[t];
      const f = figure(c.approved, c.actual, c.pending);
      byType.get(t)?.push(f);
      category.set(t, [...(category.get(t) ?? []), f]);
      if (f.over > 0) over.push({ id: unit.id, name: unit.name, quotaType: t, over: f.over });
    }
  }
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.unit.category, (counts.get(e.unit.category) ?? 0) + 1);
  const own =
    opts.principal.role === 'liaison' && opts.principal.unitId !== null
      ? entries.find((e) => e.unit.id === opts.principal.unitId)
      : undefined;
  return {
    regionCode: region.code,
    regionName: region.name,
    asOf: opts.asOf,
    level,
    wideWord: regionWideWord(region.name, level),
    unitCount: entries.length,
    unitBasis: UNIT_COUNT_BASIS,
    unitsByCategory: [...byCategory].map(([category, types]) => ({
      category,
      count: counts.get(category) ?? 0,
      figures: REPORTING_TYPES.map((t) => ({ quotaType: t, ...sumFigures(types.get(t) ?? []) })),
    })),
    figures: REPORTING_TYPES.map((t) => ({ quotaType: t, ...sumFigures(byType.get(t) ?? []) })),
    total: sumFigures([...byType.values()].flat()),
    counties:
      level === 'county'
        ? []
        : [...known]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([code, name]) => ({ code, name, hasData: withData.has(code) })),
    ownUnit: own ? { id: own.unit.id, name: own.unit.name } : null,
    overQuotaUnits: over.sort((a, b) => b.over - a.over),
  };
}
