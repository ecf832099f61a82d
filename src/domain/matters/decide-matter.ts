// 审议决定: the committee's or the authorised office's decision, with its 批准文号 and date.
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { loadMatter } from './matter-access.ts';
import { recordStep } from './record-step.ts';

export async function decideMatter(
  ctx: AppContext,
  opts: {
    principal: Principal;
    matterId: number;
    decisionBody: string;
    docNo: string;
    decidedOn: string;
    comment: string;
  },
): Promise<void> {
  if (!opts.docNo.trim()) throw new AppError('VALIDATION', '请填写批准文号');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const matter = await loadMatter(trx, opts.principal, opts.matterId, 'matter.decide');
    await recordStep({
      ctx,
      trx,
      principal: opts.principal,
      matter,
      action: 'decide',
      comment: `${opts.decisionBody}决定，${opts.docNo}（${opts.decidedOn}）${opts.comment ? `：${opts.comment}` : ''}`,
      set: { decision_body: opts.decisionBody, doc_no: opts.docNo.trim(), decided_on: opts.decidedOn },
      at: nowIso(),
    });
  });
}
