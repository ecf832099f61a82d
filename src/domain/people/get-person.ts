// One person with the history of their placements; and revealing the full 身份证号 to the
// office, which is itself recorded in the audit log.
import type { PersonDetail } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { getPerson as getPersonRow, placementsOf } from '../../db/repositories/people.ts';
import { unitsAsOf, unitRegion } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import { decryptField } from '../../security/field-crypto.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';

type Placement = PersonDetail['placements'][number];

export async function getPerson(
  ctx: AppContext,
  opts: { principal: Principal; personId: number },
): Promise<PersonDetail> {
  const db = ctx.db.kysely;
  const person = await getPersonRow(db, opts.personId);
  if (!person) throw notFound('人员');
  const placements = await placementsOf(db, person.id);
  const current = [...placements].reverse().find((p) => !p.retracted);
  if (!current) throw notFound('人员');
  await authorize(db, opts.principal, 'person.read', { people: [person.id] });
  const region = await unitRegion(db, current.unitId);
  if (!region) throw notFound('机构');
  const names = new Map(
    (await unitsAsOf(db, [region.regionCode], todayInChina())).map((u) => [
      u.id,
      { name: u.name, code: u.code },
    ]),
  );
  const placement = (p: (typeof placements)[number]): Placement => ({
    unitId: p.unitId,
    unitName: names.get(p.unitId)?.name ?? '',
    quotaType: p.quotaType as Placement['quotaType'],
    status: p.status as Placement['status'],
    channel: p.channel as Placement['channel'],
    leadershipLevel: p.leadershipLevel as Placement['leadershipLevel'],
    enteredOn: p.enteredOn,
    leftOn: p.leftOn,
    recordedAt: p.recordedAt,
    retracted: p.retracted,
  });
  return {
    id: person.id,
    name: person.name,
    idMasked: person.idMasked,
    gender: person.gender,
    birthDate: person.birthDate,
    unitCode: names.get(current.unitId)?.code ?? '',
    ...placement(current),
    placements: placements.map(placement),
  };
}

export async function revealIdNumber(
  ctx: AppContext,
  opts: { principal: Principal; personId: number },
): Promise<string> {
  const { principal } = opts;
  const db = ctx.db.kysely;
  const person = await getPersonRow(db, opts.personId);
  if (!person) throw notFound('人员');
  const current = [...(await placementsOf(db, person.id))].reverse().find((p) => !p.retracted);
  if (!current) throw notFound('人员');
  await authorize(db, principal, 'person.revealId', { people: [person.id] });
  const unit = await unitRegion(db, current.unitId);
  await db.transaction().execute((trx) =>
    ctx.audit.record(
      trx,
      { id: principal.userId, name: principal.username },
      {
        action: 'person.reveal_id',
        entityType: 'person',
        entityId: person.id,
        regionCode: unit?.regionCode ?? null,
        summary: `查看 ${person.name}（${person.idMasked}）的完整身份证号`,
        payload: { before: null, after: { idMasked: person.idMasked, personId: person.id } },
      },
    ),
  );
  return decryptField(ctx.keys, person.idCipher);
}
