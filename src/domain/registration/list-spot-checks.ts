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
import { forbidden, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize, permits } from '../accounts/authorize.ts';
import { ownUnit } from './targets.ts';

/** The county's checks for the office; for an institution's 经办人, the checks it was drawn in. */
export async function listSpotCheckSummaries(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string },
): Promise<SpotCheckRecord[]> {
  const p = opts.principal;
  const db = ctx.db.kysely;
  await authorize(db, p, 'spotcheck.selfCheck', { region: opts.regionCode, units: ownUnit(p) });
  const checks = await listSpotChecks(db, { regionCodes: [opts.regionCode] });
  if (permits(p, 'spotcheck.manage', { region: opts.regionCode })) return checks;
  const own = new Set(
    (await listRegistrations(db, { regionCodes: [opts.regionCode], unitIds: [p.unitId ?? -1] })).map(
      (r) => r.id,
    ),
  );
  const drawn: SpotCheckRecord[] = [];
  for (const c of checks) {
    if ((await unitsOfCheck(db, c.id)).some((u) => own.has(u.registrationId))) drawn.push(c);
  }
  return drawn;
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
    permits(opts.principal, 'spotcheck.selfCheck', {
      region: check.regionCode,
      units: [{ id: u.unitId, regionCode: check.regionCode }],
    }),
  );
  if (visible.length === 0 && !permits(opts.principal, 'spotcheck.manage', { region: check.regionCode }))
    throw forbidden('无权查看该次抽查');
  return { ...check, units: visible };
}
