// The unit tree of a county as of a date, for the 机构 page.
import type { UnitCategory } from '../../common/labels.ts';
import type { UnitNode } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { unitsAsOf } from '../../db/repositories/units.ts';
import type { Principal } from '../accounts/policies.ts';
import { assertCanReadRegion } from '../accounts/scope.ts';
import { unitExistsOn } from '../establishment/rules.ts';
import { liaisonSubtree } from './unit-scope.ts';

export async function listUnits(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; asOf: string },
): Promise<UnitNode[]> {
  assertCanReadRegion(opts.principal, opts.regionCode);
  const subtree = await liaisonSubtree(ctx, opts.principal);
  const units = await unitsAsOf(ctx.readDb.kysely, [opts.regionCode], opts.asOf);
  return units
    .filter((u) => subtree === null || subtree.has(u.id))
    .map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      category: u.category as UnitCategory,
      parentId: u.parentUnitId,
      exists: unitExistsOn(u, opts.asOf),
    }));
}
