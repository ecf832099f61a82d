// Reads 交叉互评 grants: a plan's evaluators with each grant's state on the day (for the evaluated
// county's office), and the signed-in user's own grants in force (the plans they evaluate).
import { regionPathName } from '../../common/codes/regions.ts';
import type { CrossGrantState } from '../../common/evaluation.ts';
import type { CrossEvaluator, CrossGrantSummary } from '../../common/wire-evaluation.ts';
import { todayInChina } from '../../context.ts';
import { findPlan } from '../../db/repositories/evaluation.ts';
import {
  grantsOfEvaluator,
  grantsOfPlan,
  type CrossEvaluatorRow,
} from '../../db/repositories/evaluation-grants.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { grantInForce } from '../accounts/scope-grants.ts';

/** '640122' → '宁夏回族自治区 银川市 贺兰县': the office cannot read another county's region row. */
const regionNameOf = (code: string): string => regionPathName(code) ?? code;

function stateOf(row: { revokedAt: string | null; crossTo: string | null }, today: string): CrossGrantState {
  if (row.revokedAt !== null) return 'revoked';
  return grantInForce({ revokedAt: null, validUntil: row.crossTo }, today) ? 'active' : 'expired';
}

export function crossEvaluatorOf(row: CrossEvaluatorRow, today: string): CrossEvaluator {
  return {
    grantId: row.id,
    userId: row.evaluatorId,
    username: row.username,
    displayName: row.displayName,
    regionCode: row.evaluatorRegion,
    regionName: regionNameOf(row.evaluatorRegion),
    grantedAt: row.grantedAt,
    revokedAt: row.revokedAt,
    validUntil: row.crossTo,
    state: stateOf(row, today),
  };
}

/** A plan's 交叉互评 evaluators, newest grant first (the evaluated county's office). */
export async function listCrossEvaluators(
  db: Executor,
  opts: { principal: Principal; planId: number; today?: string },
): Promise<CrossEvaluator[]> {
  const plan = await findPlan(db, opts.planId);
  if (!plan) throw notFound('评估方案');
  await authorize(db, opts.principal, 'evaluation.manage', { region: plan.regionCode, wholeRegion: true });
  const today = opts.today ?? todayInChina();
  return (await grantsOfPlan(db, plan.id)).map((r) => crossEvaluatorOf(r, today));
}

/** The plans the signed-in user evaluates as 交叉互评 evaluator today (grants in force only). */
export async function myCrossGrants(
  db: Executor,
  opts: { principal: Principal; today?: string },
): Promise<CrossGrantSummary[]> {
  await authorize(db, opts.principal, 'evaluation.crossGrants');
  const today = opts.today ?? todayInChina();
  const out: CrossGrantSummary[] = [];
  for (const g of await grantsOfEvaluator(db, opts.principal.userId)) {
    if (stateOf(g, today) !== 'active' || g.crossFrom === null || g.crossTo === null) continue;
    const plan = await findPlan(db, g.planId);
    if (!plan) continue;
    const names = await unitNamesAsOf(db, g.unitIds, plan.periodTo < today ? plan.periodTo : today);
    out.push({
      grantId: g.id,
      planId: g.planId,
      title: plan.title,
      regionCode: g.regionCode,
      regionName: regionNameOf(g.regionCode),
      crossFrom: g.crossFrom,
      crossTo: g.crossTo,
      units: g.unitIds.map((id) => ({ id, name: names.get(id)?.name ?? `机构 ${id}` })),
    });
  }
  return out;
}
