// The unit tree of a county as of a date, for the 机构 page.
import type { UnitCategory } from '../../common/labels.ts';
import type { UnitNode } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { unitsAsOf } from '../../db/repositories/units.ts';
import type { Principal } from '../accounts/policies.ts';
import { unitExistsOn } from '../establishment/rules.ts';
import { authorize, liaisonSubtree } from '../accounts/authorize.ts';

export async function listUnits(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; asOf: string },
): Promise<UnitNode[]> {
  await authorize(ctx.db.kysely, opts.principal, 'unit.list', { region: opts.regionCode });
  const subtree = await liaisonSubtree(ctx.db.kysely, opts.principal);
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
