// 审核: the office has examined an accepted application; it goes to 核准.
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { ApplicationState } from '../../common/registration.ts';
import type { Principal } from '../accounts/policies.ts';
import { loadApplication, moveApplication } from './application-steps.ts';

export async function reviewApplication(
  ctx: AppContext,
  opts: { principal: Principal; applicationId: number; comment?: string },
): Promise<ApplicationState> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await loadApplication(trx, opts.principal, opts.applicationId, 'registration.process');
    return moveApplication(ctx, trx, {
      principal: opts.principal,
      application: a,
      action: 'review',
      comment: opts.comment ?? '',
      at: nowIso(),
    });
  });
}
