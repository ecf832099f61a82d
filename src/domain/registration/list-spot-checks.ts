// Reading spot checks: a county's checks, and one check with its institutions and their stage.
// A liaison sees only the rows of their own unit.
import type { AppContext } from '../../context.ts';
import { listRegistrations } from '../../db/repositories/registration.ts';
import {
  getSpotCheck,
  listSpotChecks,
  unitsOfCheck,
  type SpotCheckRecord,
  type SpotCheckUnitRecord,
} from '../../db/repositories/spot-checks.ts';
import { notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorizeRegistration, canRegistration } from './policies.ts';

export async function listSpotCheckSummaries(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string },
): Promise<SpotCheckRecord[]> {
  authorizeRegistration(opts.principal, 'spotcheck.manage', { regionCode: opts.regionCode });
  return listSpotChecks(ctx.db.kysely, { regionCodes: [opts.regionCode] });
}

export async function getSpotCheckDetail(
  ctx: AppContext,
  opts: { principal: Principal; id: number },
): Promise<
  SpotCheckRecord & { units: (SpotCheckUnitRecord & { name: string; uscc: string | null; unitId: number })[] }
> {
  const db = ctx.db.kysely;
  const check = await getSpotCheck(db, opts.id);
  if (!check) throw notFound(`抽查 ${opts.id} `);
  const records = new Map(
    (await listRegistrations(db, { regionCodes: [check.regionCode] })).map((r) => [r.id, r]),
  );
  const units = (await unitsOfCheck(db, check.id)).map((u) => {
    const r = records.get(u.registrationId);
    return { ...u, name: r?.name ?? '', uscc: r?.uscc ?? null, unitId: r?.unitId ?? -1 };
  });
  const visible = units.filter((u) =>
    canRegistration(opts.principal, 'spotcheck.selfCheck', {
      regionCode: check.regionCode,
      unitId: u.unitId,
    }),
  );
  if (visible.length === 0 && !canRegistration(opts.principal, 'spotcheck.manage', check))
    throw notFound(`抽查 ${opts.id} `);
  return { ...check, units: visible };
}
