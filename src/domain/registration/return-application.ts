// 退回: the office returns an application with its reasons; the applicant may file it again.
// A record that was 变更中 for it is back to 登记.
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { registrationOfUnit, updateRegistration } from '../../db/repositories/registration.ts';
import { invalid } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { loadApplication, moveApplication } from './application-steps.ts';

export async function returnApplication(
  ctx: AppContext,
  opts: { principal: Principal; applicationId: number; reason: string },
): Promise<void> {
  const reason = opts.reason.trim();
  if (!reason) throw invalid('退回须说明理由');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await loadApplication(trx, opts.principal, opts.applicationId, 'registration.process');
    const at = nowIso();
    await moveApplication(ctx, trx, {
      principal: opts.principal,
      application: a,
      action: 'return',
      comment: reason,
      at,
      set: { return_reason: reason },
    });
    const record = await registrationOfUnit(trx, a.unitId);
    if (record && a.kind === '变更' && record.state === '变更中')
      await updateRegistration(trx, record.id, record.version, { state: '登记', updated_at: at });
  });
}
