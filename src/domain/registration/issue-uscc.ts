// 统一社会信用代码 issue (GB 32100): the next serial of the office's configured range, its GB
// 11714 check character and the GB 32100 check character. A code is never reused: every one
// issued stays in issued_usccs, whose unique indexes (code, organization code, region+serial)
// make two racing transactions unable to both commit the same serial; on PostgreSQL a
// per-county advisory lock serialises the allocation so that neither has to fail.
import { sql } from 'kysely';
import type { Actor } from '../../audit/events.ts';
import { checkUscc } from '../../common/codes/uscc.ts';
import type { UsccCategoryName } from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  insertIssuedUscc,
  maxIssuedSerial,
  registrationsByUscc,
} from '../../db/repositories/registration.ts';
import { AppError, invalid } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';
import { composeUscc } from './rules.ts';
import { loadRegistrationSettings } from './settings.ts';

/** Allocates and records the next code inside the caller's transaction. */
export async function allocateUscc(
  ctx: AppContext,
  trx: Executor,
  opts: { regionCode: string; category: UsccCategoryName; unitId: number | null; actor: Actor; at: string },
): Promise<string> {
  if (ctx.db.dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${`uscc:${opts.regionCode}`}))`.execute(trx);
  }
  const { usccRange } = await loadRegistrationSettings(trx, opts.regionCode);
  if (!usccRange) throw invalid('尚未设置本县主体标识码号段，请编办管理员先在登记管理参数中设置');
  const last = await maxIssuedSerial(trx, opts.regionCode);
  let serial = last === null ? usccRange.from : Math.max(last + 1, usccRange.from);
  const exhausted = () => new AppError('CONFLICT', '主体标识码号段已用完，请设置新的号段');
  if (serial > usccRange.to) throw exhausted();
  let composed = composeUscc(opts.category, opts.regionCode, usccRange, serial);
  // A code already held by an imported registration is skipped, never handed out twice.
  while ((await registrationsByUscc(trx, [composed.uscc])).length > 0) {
    serial += 1;
    if (serial > usccRange.to) throw exhausted();
    composed = composeUscc(opts.category, opts.regionCode, usccRange, serial);
  }
  const { uscc, organizationCode } = composed;
  // Belt and braces: a code that the validator refuses is never handed out.
  const check = checkUscc(uscc);
  if (!check.ok) throw new Error(`生成的统一社会信用代码未通过校验：${check.reason}`);
  await insertIssuedUscc(trx, {
    uscc,
    regionCode: opts.regionCode,
    category: opts.category,
    serial,
    organizationCode,
    unitId: opts.unitId,
    at: opts.at,
    by: opts.actor.id,
  });
  await ctx.audit.record(trx, opts.actor, {
    action: 'uscc.issue',
    entityType: 'uscc',
    entityId: uscc,
    regionCode: opts.regionCode,
    summary: `赋予统一社会信用代码 ${uscc}（${opts.category}）`,
    payload: { before: null, after: { uscc, category: opts.category, serial, unitId: opts.unitId } },
  });
  return uscc;
}

/** Issues a code for an organ, institution, 群团 or other body the office codes (编办). */
export async function issueUscc(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; category: UsccCategoryName; unitId: number | null },
): Promise<string> {
  await authorize(ctx.db.kysely, opts.principal, 'registration.process', {
    region: opts.regionCode,
    units: opts.unitId === null ? [] : [opts.unitId],
  });
  return ctx.db.kysely.transaction().execute((trx) =>
    allocateUscc(ctx, trx, {
      regionCode: opts.regionCode,
      category: opts.category,
      unitId: opts.unitId,
      actor: { id: opts.principal.userId, name: opts.principal.username },
      at: nowIso(),
    }),
  );
}
