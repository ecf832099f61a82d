// Scope grants: access a principal holds beyond their own region, given to them by name and for
// a time. The one kind today is the 交叉互评 grant (评估问效): the office of an evaluated county
// names a user of another county as evaluator of a plan; the grant opens, for the actions of the
// permission table that declare `grant`, exactly the plan and its units — to read (`read`) and to
// score in the 交叉互评 stage (`score`) — until the stage's last day. Pure: authorize() loads the
// principal's grants and the date on every request and asks here; no job expires anything.
import { todayInChina } from '../../context.ts';
import type { Permission } from './permissions.ts';

export interface ScopeGrant {
  id: number;
  /** The plan the grant is for. */
  planId: number;
  /** The evaluated county. */
  regionCode: string;
  /** The plan's units (read when the grant is checked, so a revised plan is followed). */
  unitIds: readonly number[];
  /** The last day of the 交叉互评 stage; null when the plan has no such stage (nothing opens). */
  validUntil: string | null;
  revokedAt: string | null;
}

/** What a request names, as authorize() resolved it. */
export interface GrantFacts {
  region?: string;
  /** The evaluation plan the request concerns. */
  evaluationPlan?: number;
  units: readonly { id: number; regionCode: string }[];
  /** Something a grant never covers (a matter, an account). */
  other: boolean;
  wholeRegion?: boolean;
}

/** Whether the grant's plan and units cover everything the request names (ignoring time). */
export function grantCovers(g: ScopeGrant, f: GrantFacts): boolean {
  if (f.other) return false;
  if (f.region !== undefined && f.region !== g.regionCode) return false;
  if (f.evaluationPlan !== undefined && f.evaluationPlan !== g.planId) return false;
  // The request must name the plan or units of it: a region alone (a list) is not covered.
  if (f.evaluationPlan === undefined && (f.units.length === 0 || f.wholeRegion)) return false;
  const units = new Set(g.unitIds);
  return f.units.every((u) => u.regionCode === g.regionCode && units.has(u.id));
}

/** Whether the grant is in force on the day: not revoked, and the stage not over. */
export function grantInForce(g: Pick<ScopeGrant, 'revokedAt' | 'validUntil'>, today: string): boolean {
  return g.revokedAt === null && g.validUntil !== null && today <= g.validUntil;
}

export type GrantAnswer = { granted: true; grantId: number } | { granted: false; reason: string | null };

/**
 * The grants' answer for an action the principal's role and region do not open: granted by a
 * grant in force covering the request; otherwise why a covering grant no longer does (expired,
 * revoked), or null when no grant covers the request at all.
 */
export function grantAnswer(
  rule: Permission,
  f: GrantFacts,
  grants: readonly ScopeGrant[],
  today: string,
): GrantAnswer {
  if (rule.grant === undefined) return { granted: false, reason: null };
  const covering = grants.filter((g) => grantCovers(g, f));
  const live = covering.find((g) => grantInForce(g, today));
  if (live) return { granted: true, grantId: live.id };
  const revoked = covering.find((g) => g.revokedAt !== null);
  const expired = covering.find((g) => g.revokedAt === null && g.validUntil !== null);
  if (expired?.validUntil)
    return { granted: false, reason: `交叉互评授权已于 ${expired.validUntil} 到期（交叉互评阶段已结束）` };
  if (revoked?.revokedAt)
    return {
      granted: false,
      reason: `交叉互评授权已于 ${todayInChina(new Date(revoked.revokedAt))} 撤销`,
    };
  return { granted: false, reason: null };
}
