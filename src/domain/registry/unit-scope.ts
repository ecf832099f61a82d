// Resolves which units a principal may see: everything in their regions, or for a liaison
// their own unit and the units below it.
import type { AppContext } from '../../context.ts';
import { subtreeUnitIds, unitRegion } from '../../db/repositories/units.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { assertCanReadRegion, canReadUnit } from '../accounts/scope.ts';

export async function liaisonSubtree(ctx: AppContext, p: Principal): Promise<Set<number> | null> {
  if (p.role !== 'liaison' || p.unitId === null) return null;
  return new Set(await subtreeUnitIds(ctx.db.kysely, p.unitId));
}

/** Throws 404 for an unknown unit and 403 for one outside the principal's scope. */
export async function assertCanReadUnit(
  ctx: AppContext,
  p: Principal,
  unitId: number,
): Promise<{ regionCode: string; code: string }> {
  const unit = await unitRegion(ctx.db.kysely, unitId);
  if (!unit) throw notFound('机构');
  assertCanReadRegion(p, unit.regionCode);
  if (!canReadUnit(p, { id: unitId, regionCode: unit.regionCode }, await liaisonSubtree(ctx, p))) {
    throw forbidden('无权查看该机构');
  }
  return unit;
}
