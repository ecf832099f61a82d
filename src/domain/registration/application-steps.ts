// What every step of a registration application shares: load it under the actor's rights,
// check the state machine, move it (optimistically: two clerks acting at once cannot both
// succeed), and write the step row and its audit event in the caller's transaction.
import type { Updateable } from 'kysely';
import {
  APPLICATION_ACTIONS,
  type ApplicationAction,
  type ApplicationState,
} from '../../common/registration.ts';
import type { AppContext } from '../../context.ts';
import type { RegistrationApplicationTable } from '../../db/registration-tables.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  getApplication,
  insertApplicationStep,
  updateApplication,
  type ApplicationRecord,
} from '../../db/repositories/registration.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Action } from '../accounts/permissions.ts';
import { nextState } from './rules.ts';

export async function loadApplication(
  trx: Executor,
  p: Principal,
  id: number,
  action: Action,
): Promise<ApplicationRecord> {
  const a = await getApplication(trx, id);
  if (!a) throw notFound(`登记申请 ${id} `);
  await authorize(trx, p, action, { region: a.regionCode, units: [a.unitId] });
  return a;
}

export async function moveApplication(
  ctx: AppContext,
  trx: Executor,
  opts: {
    principal: Principal;
    application: ApplicationRecord;
    action: ApplicationAction;
    comment: string;
    at: string;
    missingMaterials?: string[];
    set?: Updateable<RegistrationApplicationTable>;
  },
): Promise<ApplicationState> {
  const a = opts.application;
  const next = nextState(a.state, opts.action, { missingMaterials: opts.missingMaterials });
  if (!next.ok) throw invalid(next.reason);
  const moved = await updateApplication(trx, a.id, a.version, { ...opts.set, state: next.state });
  if (!moved) throw new AppError('CONFLICT', '该申请已被他人处理，请刷新后重试');
  const p = opts.principal;
  await insertApplicationStep(trx, {
    applicationId: a.id,
    action: APPLICATION_ACTIONS[opts.action],
    fromState: a.state,
    toState: next.state,
    actorId: p.userId,
    actorName: p.displayName,
    at: opts.at,
    comment: opts.comment,
  });
  await ctx.audit.record(
    trx,
    { id: p.userId, name: p.username },
    {
      action: 'registration.application',
      entityType: 'registration_application',
      entityId: a.id,
      regionCode: a.regionCode,
      summary: `${a.kind}登记申请 ${a.id}：${APPLICATION_ACTIONS[opts.action]}（${a.state} → ${next.state}）${opts.comment ? `：${opts.comment}` : ''}`,
      payload: {
        before: { kind: a.kind, state: a.state, comment: '' },
        after: { kind: a.kind, state: next.state, comment: opts.comment },
      },
    },
  );
  return next.state;
}
