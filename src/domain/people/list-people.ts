// The 人员 list: filtered and paged in the database, 身份证号 masked.
import type { PeoplePage, PeopleQuery, PersonSummary } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { listPeople as listPeopleRows, type PersonListItem } from '../../db/repositories/people.ts';
import { subtreeUnitIds, unitNamesAsOf } from '../../db/repositories/units.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize, liaisonSubtree } from '../accounts/authorize.ts';
import { todayInChina } from '../../context.ts';

export function toSummary(p: PersonListItem, unitName: string): PersonSummary {
  return {
    id: p.id,
    name: p.name,
    idMasked: p.idMasked,
    gender: p.gender,
    birthDate: p.birthDate,
    unitId: p.unitId,
    unitCode: p.unitCode,
    unitName,
    quotaType: p.quotaType as PersonSummary['quotaType'],
    status: p.status as PersonSummary['status'],
    channel: p.channel as PersonSummary['channel'],
    leadershipLevel: p.leadershipLevel as PersonSummary['leadershipLevel'],
    enteredOn: p.enteredOn,
    leftOn: p.leftOn,
  };
}

export async function listPeople(
  ctx: AppContext,
  opts: { principal: Principal; query: PeopleQuery },
): Promise<PeoplePage> {
  const { principal, query } = opts;
  const db = ctx.readDb.kysely; // a list page: the standby when there is one
  await authorize(ctx.db.kysely, principal, 'person.read', {
    region: query.region,
    units: query.unitId === undefined ? [] : [query.unitId],
  });
  let unitIds: number[] | null = null;
  if (query.unitId !== undefined) {
    unitIds = query.includeSubunits === 'true' ? await subtreeUnitIds(db, query.unitId) : [query.unitId];
  }
  const subtree = await liaisonSubtree(db, principal);
  if (subtree) {
    unitIds = unitIds ? unitIds.filter((id) => subtree.has(id)) : [...subtree];
  }
  const quotaTypes =
    query.quotaType === '行政编制'
      ? ['行政编制', '政法专项编制']
      : query.quotaType
        ? [query.quotaType]
        : null;
  const { total, items } = await listPeopleRows(db, {
    regionCodes: [query.region],
    unitIds,
    nameOrId: query.q?.trim() || null,
    status: query.status ?? null,
    quotaTypes,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const names = await unitNamesAsOf(
    db,
    items.map((p) => p.unitId),
    todayInChina(),
  );
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: items.map((p) => toSummary(p, names.get(p.unitId)?.name ?? '')),
  };
}
