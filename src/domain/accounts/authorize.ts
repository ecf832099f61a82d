// The one authorization function. It reads the permission table (permissions.ts) and checks
// the role, then every entity the request names against the principal's scope: the region,
// each unit, each person (by their current unit), the matter, the account. Every entity must
// also lie in the request's own region (the county of the matter a change list belongs to).
// What the principal's role and region do not open, a scope grant may (scope-grants.ts): for an
// action of the table that declares `grant`, the principal's 交叉互评 grants are read with
// today's date and asked whether one in force covers everything the request names.
import { todayInChina } from '../../context.ts';
import { grantsOfEvaluator } from '../../db/repositories/evaluation-grants.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { currentPlacementsOf } from '../../db/repositories/people.ts';
import { subtreeUnitIds, unitRegions } from '../../db/repositories/units.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { PERMISSIONS, roleMay, type Action, type Permission } from './permissions.ts';
import type { Principal } from './policies.ts';
import { regionWithin } from '../../common/region-code.ts';
import { grantAnswer, type ScopeGrant } from './scope-grants.ts';

export interface MatterRef {
  regionCode: string;
  proposerId: number;
  proposerUnitId: number | null;
}

/** What a request names. Everything given is checked; nothing named is left out. */
export interface Target {
  /** The region the request reads or writes. */
  region?: string;
  /** Every unit the request names. */
  units?: readonly number[];
  /** Every person the request names (checked by their current unit). */
  people?: readonly number[];
  /** The matter the request acts on; its county becomes the request's region. */
  matter?: MatterRef;
  /** An account to manage. */
  account?: { role: string; regionCode: string };
  /** The request concerns the region as a whole rather than named units (no liaison may). */
  wholeRegion?: boolean;
  /** The evaluation plan the request concerns (a 交叉互评 grant covers its units only). */
  evaluationPlan?: number;
}

/** The target with its units resolved: what the pure decision needs. */
export interface Facts {
  region?: string;
  units: readonly { id: number; regionCode: string }[];
  matter?: MatterRef;
  account?: { role: string; regionCode: string };
  wholeRegion?: boolean;
  /** A liaison's unit subtree (null for every other role). */
  subtree: ReadonlySet<number> | null;
  evaluationPlan?: number;
  /** The principal's scope grants and the day they are judged on (loaded only when needed). */
  grants?: { held: readonly ScopeGrant[]; today: string };
}

/**
 * Why the principal may not, or null when they may. Pure: the table plus the facts. What their
 * role's scope refuses, a scope grant in force covering every named entity may still open.
 */
export function refusal(p: Principal, action: Action, f: Facts): string | null {
  const rule: Permission = PERMISSIONS[action];
  if (!roleMay(p.role, action)) return rule.denied;
  const reason = scopeRefusal(p, action, f);
  if (reason === null || rule.grant === undefined || f.grants === undefined) return reason;
  const answer = grantAnswer(
    rule,
    {
      region: f.matter?.regionCode ?? f.region,
      evaluationPlan: f.evaluationPlan,
      units: f.units,
      other: f.matter !== undefined || f.account !== undefined,
      wholeRegion: f.wholeRegion,
    },
    f.grants.held,
    f.grants.today,
  );
  return answer.granted ? null : (answer.reason ?? reason);
}

/** The refusal by the principal's role and region alone. */
function scopeRefusal(p: Principal, action: Action, f: Facts): string | null {
  const rule = PERMISSIONS[action];
  const region = f.matter?.regionCode ?? f.region;
  switch (rule.scope) {
    case 'none':
      return null;
    case 'grant':
      return rule.denied;
    case 'audit':
      return region === undefined || regionWithin(region, p.regionCode)
        ? null
        : `无权查看行政区划 ${region} 的审计日志`;
    case 'accounts': {
      if (!f.account) return region === undefined || regionWithin(region, p.regionCode) ? null : rule.denied;
      if (!regionWithin(f.account.regionCode, p.regionCode)) return '无权管理其他行政区划的用户';
      const manages = (rule.manages ?? []) as readonly string[];
      if (!manages.includes(f.account.role)) {
        return '系统管理员、安全管理员和安全审计员的账号只能在服务器上用 bianzhi user 命令管理';
      }
      return null;
    }
    case 'read':
    case 'write': {
      const write = rule.scope === 'write';
      if (region !== undefined) {
        const ok = write ? region === p.regionCode : regionWithin(region, p.regionCode);
        if (!ok) return `无权${write ? '修改' : '查看'}行政区划 ${region} 的数据`;
      }
      if (f.matter && p.role === 'liaison') {
        const ofTheirUnit = p.unitId !== null && f.matter.proposerUnitId === p.unitId;
        if (f.matter.proposerId !== p.userId && !ofTheirUnit) {
          return '部门联络员只能办理本单位提出的事项';
        }
      }
      if (f.wholeRegion && p.role === 'liaison') return '部门联络员只能办理本单位及下属单位的事务';
      const ownUnitOnly = p.role === 'liaison' && 'liaison' in rule && rule.liaison === 'unit';
      if (ownUnitOnly && (f.units.length === 0 || f.units.some((u) => u.id !== p.unitId))) return rule.denied;
      for (const u of f.units) {
        if (region !== undefined && u.regionCode !== region) return `所涉机构或人员不属于行政区划 ${region}`;
        const inScope = write ? u.regionCode === p.regionCode : regionWithin(u.regionCode, p.regionCode);
        if (!inScope) return `无权${write ? '修改' : '查看'}其他行政区划的机构或人员`;
        if (!ownUnitOnly && f.subtree !== null && !f.subtree.has(u.id))
          return '部门联络员只能办理本单位及下属单位的机构和人员';
      }
      return null;
    }
  }
}

/** A liaison's unit subtree; null for the roles not limited to a unit. */
export async function liaisonSubtree(db: Executor, p: Principal): Promise<Set<number> | null> {
  if (p.role !== 'liaison') return null;
  return new Set(p.unitId === null ? [] : await subtreeUnitIds(db, p.unitId));
}

/**
 * Throws 403 (with the reason, in Chinese) unless the principal may take the action on every
 * entity the target names; 404 when a named unit or person does not exist.
 */
export async function authorize(
  db: Executor,
  p: Principal,
  action: Action,
  target: Target = {},
): Promise<void> {
  if (!roleMay(p.role, action)) throw forbidden(PERMISSIONS[action].denied);
  const unitIds = new Set(target.units ?? []);
  const people = [...new Set(target.people ?? [])];
  if (people.length > 0) {
    const placements = await currentPlacementsOf(db, people);
    const found = new Map(placements.map((x) => [x.personId, x.unitId]));
    for (const id of people) {
      const unitId = found.get(id);
      if (unitId === undefined) throw notFound('人员');
      unitIds.add(unitId);
    }
  }
  const regions = await unitRegions(db, [...unitIds]);
  const units = [...unitIds].map((id) => {
    const regionCode = regions.get(id);
    if (regionCode === undefined) throw notFound('机构');
    return { id, regionCode };
  });
  const rule: Permission = PERMISSIONS[action];
  const subtree = units.length > 0 && rule.liaison !== 'unit' ? await liaisonSubtree(db, p) : null;
  const facts: Facts = {
    region: target.region,
    units,
    matter: target.matter,
    account: target.account,
    wholeRegion: target.wholeRegion,
    evaluationPlan: target.evaluationPlan,
    subtree,
  };
  let reason = refusal(p, action, facts);
  // Only a refused action that a grant may open reads the grants, with today's date: a grant
  // ends with its stage on the next request, without any job.
  if (reason !== null && rule.grant !== undefined) {
    reason = refusal(p, action, {
      ...facts,
      grants: { held: await scopeGrantsOf(db, p), today: todayInChina() },
    });
  }
  if (reason !== null) throw new AppError('FORBIDDEN', reason);
}

/** The principal's 交叉互评 grants (in force or not: an ended one explains the refusal). */
export async function scopeGrantsOf(db: Executor, p: Principal): Promise<ScopeGrant[]> {
  const rows = await grantsOfEvaluator(db, p.userId);
  return rows.map((g) => ({
    id: g.id,
    planId: g.planId,
    regionCode: g.regionCode,
    unitIds: g.unitIds,
    validUntil: g.crossTo,
    revokedAt: g.revokedAt,
  }));
}

/**
 * The same decision on entities already loaded (their regions known), to filter a list without a
 * query per row. Scope grants open no list: a grant holder names the plan or unit they evaluate. Only for actions whose liaison scope is their own unit (no subtree to look up);
 * for any other action a liaison naming units is refused here and must go through authorize().
 */
export function permits(
  p: Principal,
  action: Action,
  target: { region?: string; units?: readonly { id: number; regionCode: string }[] },
): boolean {
  const rule: Permission = PERMISSIONS[action];
  const units = target.units ?? [];
  if (p.role === 'liaison' && rule.liaison !== 'unit' && units.length > 0) return false;
  return refusal(p, action, { region: target.region, units, subtree: null }) === null;
}
