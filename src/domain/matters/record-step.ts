// Moves a matter one step along its procedure inside the caller's transaction: the version
// check, the step record and its audit event, together.
import type { MatterAction, MatterState, RuleResult } from '../../common/matters.ts';
import { MATTER_ACTIONS, MATTER_STATES } from '../../common/matters.ts';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { insertStep, updateMatter } from '../../db/repositories/matters.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import type { LoadedMatter } from './matter-access.ts';
import { conflict } from './matter-access.ts';
import { mayAct, mayTake, TRANSITIONS, type MatterRef } from './procedure.ts';

export interface StepInput {
  ctx: AppContext;
  trx: Executor;
  principal: Principal;
  matter: LoadedMatter;
  action: MatterAction;
  comment: string;
  ruleResults?: RuleResult[];
  set?: Parameters<typeof updateMatter>[3];
  at: string;
}

/** The matter as the procedure and the permission table see it. */
export function refOf(m: LoadedMatter): MatterRef {
  return {
    state: m.state,
    regionCode: m.row.regionCode,
    proposerId: m.row.proposerId,
    proposerUnitId: m.row.proposerUnitId,
  };
}

/**
 * 403 when the principal may never take the action; 409 when they could, but the matter has
 * moved on meanwhile (someone else acted first: the page is stale).
 */
export function assertMayAct(p: Principal, action: MatterAction, matter: LoadedMatter): void {
  if (mayAct(p, action, refOf(matter))) return;
  if (mayTake(p, action, refOf(matter))) {
    throw new AppError(
      'CONFLICT',
      `该事项当前为“${MATTER_STATES[matter.state]}”，不能${MATTER_ACTIONS[action]}（可能已被他人处理，请刷新）`,
    );
  }
  throw new AppError('FORBIDDEN', `无权${MATTER_ACTIONS[action]}该事项`);
}

export async function recordStep(s: StepInput): Promise<{ stepId: number; to: MatterState }> {
  const { matter, principal: p } = s;
  assertMayAct(p, s.action, matter);
  const to = TRANSITIONS[s.action].to;
  const ok = await updateMatter(s.trx, matter.row.id, matter.row.version, { ...s.set, state: to }, s.at);
  if (!ok) throw conflict();
  const stepId = await insertStep(s.trx, {
    matterId: matter.row.id,
    action: s.action,
    fromState: matter.state,
    toState: to,
    actorId: p.userId,
    actorName: p.displayName,
    at: s.at,
    comment: s.comment,
    ruleResults: s.ruleResults ? JSON.stringify(s.ruleResults) : null,
  });
  await s.ctx.audit.record(
    s.trx,
    { id: p.userId, name: p.username },
    {
      action: 'matter.step',
      entityType: 'matter',
      entityId: matter.row.id,
      regionCode: matter.row.regionCode,
      summary: `事项 ${matter.row.id}《${matter.row.title}》${MATTER_ACTIONS[s.action]}：${MATTER_STATES[matter.state]} → ${MATTER_STATES[to]}${s.comment ? `（${s.comment}）` : ''}`,
      payload: {
        before: { state: matter.state, action: s.action, comment: '' },
        after: { state: to, action: s.action, comment: s.comment, docNo: s.set?.doc_no ?? null },
      },
    },
  );
  return { stepId, to };
}
