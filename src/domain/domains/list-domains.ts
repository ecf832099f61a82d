// Reading the 中文域名 register: a county's names (optionally those due for renewal within N
// days), and the change list — units whose implemented 更名/合并/撤销 requires a domain change
// or cancellation, until it is recorded.
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import {
  listChangeItems,
  listDomains as listDomainRows,
  type DomainChangeItem,
  type DomainRecord,
} from '../../db/repositories/domains.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';
import { addDays } from '../timeliness/working-days.ts';
import { ownUnit } from '../registration/targets.ts';

export async function listDomains(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; dueWithinDays?: number; today?: string },
): Promise<(DomainRecord & { unitName: string })[]> {
  const p = opts.principal;
  const db = ctx.db.kysely;
  await authorize(db, p, 'domain.read', { region: opts.regionCode, units: ownUnit(p) });
  const today = opts.today ?? todayInChina();
  const rows = await listDomainRows(db, {
    regionCodes: [opts.regionCode],
    unitIds: p.role === 'liaison' ? [p.unitId ?? -1] : undefined,
    expiringBy: opts.dueWithinDays === undefined ? undefined : addDays(today, opts.dueWithinDays),
  });
  const names = await unitNamesAsOf(db, [...new Set(rows.map((d) => d.unitId))], today);
  return rows.map((d) => ({ ...d, unitName: names.get(d.unitId)?.name ?? '' }));
}

export async function domainChangeList(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; openOnly?: boolean },
): Promise<(DomainChangeItem & { unitName: string; domainName: string })[]> {
  const db = ctx.db.kysely;
  await authorize(db, opts.principal, 'domain.manage', { region: opts.regionCode });
  const items = await listChangeItems(db, {
    regionCodes: [opts.regionCode],
    openOnly: opts.openOnly ?? true,
  });
  const domains = new Map(
    (await listDomainRows(db, { regionCodes: [opts.regionCode], includeDeleted: true })).map((d) => [
      d.id,
      d.name,
    ]),
  );
  const names = await unitNamesAsOf(db, [...new Set(items.map((i) => i.unitId))], todayInChina());
  return items.map((i) => ({
    ...i,
    unitName: names.get(i.unitId)?.name ?? '',
    domainName: domains.get(i.domainId) ?? '',
  }));
}
