// 动议: a proposal with its reasons and changes, by anyone in scope who may write; every unit
// and person it names must be of the county and within the proposer's scope.
import { checkIdNumber } from '../../common/codes/id-card.ts';
import { Change } from '../../common/matters.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { insertMatter, insertStep } from '../../db/repositories/matters.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorizeChanges } from './matter-access.ts';
import { sealIdNumber } from './sealed-id.ts';

/** Checks what the schema cannot, and seals 身份证号 before the changes are stored. */
export function prepareChanges(ctx: AppContext, changes: readonly Change[]): Change[] {
  if (changes.length === 0) throw new AppError('VALIDATION', '事项至少包含一项变更');
  return changes.map((c) => {
    if (c.kind !== 'enter' || c.personId !== null) return c;
    if (!c.idNumber || !c.name) throw new AppError('VALIDATION', '新上编人员须填写身份证号和姓名');
    const check = checkIdNumber(c.idNumber);
    if (!check.ok) throw new AppError('VALIDATION', `身份证号无效：${check.reason}`);
    return { ...c, idNumber: sealIdNumber(ctx, c.idNumber) };
  });
}

export async function proposeMatter(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; title: string; reasons: string; changes: Change[] },
): Promise<number> {
  const p = opts.principal;
  const parsed = opts.changes.map((c) => Change.parse(c));
  await authorizeChanges(ctx, ctx.db.kysely, p, 'matter.propose', {
    changes: parsed,
    regionCode: opts.regionCode,
  });
  const changes = prepareChanges(ctx, parsed);
  const at = nowIso();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const id = await insertMatter(trx, {
      regionCode: opts.regionCode,
      title: opts.title,
      reasons: opts.reasons,
      changes: JSON.stringify(changes),
      proposerId: p.userId,
      proposerUnitId: p.unitId,
      at,
    });
    await insertStep(trx, {
      matterId: id,
      action: 'propose',
      fromState: null,
      toState: 'proposed',
      actorId: p.userId,
      actorName: p.displayName,
      at,
      comment: opts.reasons,
      ruleResults: null,
    });
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'matter.step',
        entityType: 'matter',
        entityId: id,
        regionCode: opts.regionCode,
        summary: `提出动议：事项 ${id}《${opts.title}》`,
        payload: { before: null, after: { state: 'proposed', action: 'propose', comment: opts.reasons } },
      },
    );
    return id;
  });
}
