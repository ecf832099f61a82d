// The rules of domain.md §9 as pure functions over a snapshot of the ledger: the matter's
// changes are projected onto the snapshot and every rule says whether it holds, where, and
// by how much it is broken. Run at 论证 and again at 实施 on the state of that moment.
import type { Change, RuleName, RuleResult } from '../../common/matters.ts';
import { RULE_NAMES } from '../../common/matters.ts';
import { reportingType, REPORTING_TYPES, type ReportingType } from '../establishment/rules.ts';
import { isLocalRef, moveDuty } from './change-rules.ts';

export interface SnapshotUnit {
  id: number;
  code: string;
  name: string;
  category: string;
  /** 隶属关系 (a 县委/政府直属 事业单位 counts toward the 直属事业单位 limit). */
  affiliation: string | null;
  /** 占直属事业单位限额 (a 部门所属 unit taking a directly affiliated slot). */
  countsTowardDirectLimit: boolean;
  byType: Record<ReportingType, { approved: number; actual: number; pending: number }>;
  posts: Record<'正科' | '副科', { approved: number; filled: number }>;
  /** 周转池 quota lent to the unit and not yet returned. */
  poolBorrowed: number;
  /** 职责任务 (text), which 职责划转 changes. */
  responsibilities: string | null;
}

export interface SnapshotPerson {
  id: number;
  unitId: number;
  quotaType: string;
  status: string;
  leadershipLevel: string;
}

export interface LedgerSnapshot {
  units: Map<number, SnapshotUnit>;
  /** Unit codes in use in the county (a new unit's code must be free). */
  codes: Set<string>;
  /** The county's own approved quota per type (周转池 excluded: it is the region's). */
  countyOwnApproved: Record<ReportingType, number>;
  controlTotals: Partial<Record<ReportingType, number>>;
  /** Places of approved recruitment plans not yet used, per `${unitId}|${type}`. */
  openPlanPlaces: Map<string, number>;
  /** Open places per approved plan (matter id), to check and consume on 上编. */
  planPlaces: Map<number, { unitId: number; type: ReportingType; open: number }>;
  people: Map<number, SnapshotPerson>;
  /** 机构限额 in force: the caps on 党政机构 and on 县委/政府直属事业单位, where set. */
  limits: Partial<Record<InstitutionLimitKind, { cap: number; source: string }>>;
}

export const INSTITUTION_LIMIT_KINDS = ['党政机构', '直属事业单位'] as const;
export type InstitutionLimitKind = (typeof INSTITUTION_LIMIT_KINDS)[number];

/**
 * Whether a unit counts toward a 机构限额: the 党政机构 limit covers the 党委工作机关 and 政府工作部门
 * (纪委监委, 人大, 政协, 群团, 乡镇 and 街道 are not within it); the 直属事业单位 limit covers the
 * 县委直属 and 政府直属 事业单位 and the 部门所属 ones marked 占直属限额.
 */
export function countsToward(
  kind: InstitutionLimitKind,
  u: { category: string; affiliation: string | null; countsTowardDirectLimit: boolean },
): boolean {
  if (kind === '党政机构') return (LIMITED_ORGAN_CATEGORIES as readonly string[]).includes(u.category);
  return (
    u.category === '事业单位' &&
    (u.affiliation === '县委直属' || u.affiliation === '政府直属' || u.countsTowardDirectLimit)
  );
}
const LIMITED_ORGAN_CATEGORIES = ['党委工作机关', '政府工作部门'] as const;

const clone = (s: LedgerSnapshot): LedgerSnapshot => ({
  units: new Map([...s.units].map(([id, u]) => [id, structuredClone(u)])),
  codes: new Set(s.codes),
  countyOwnApproved: { ...s.countyOwnApproved },
  controlTotals: { ...s.controlTotals },
  openPlanPlaces: new Map(s.openPlanPlaces),
  planPlaces: new Map([...s.planPlaces].map(([id, p]) => [id, { ...p }])),
  people: new Map([...s.people].map(([id, p]) => [id, { ...p }])),
  limits: { ...s.limits },
});

const emptyUnit = (
  id: number,
  code: string,
  name: string,
  category: string,
  affiliation: string | null,
  countsTowardDirectLimit: boolean,
): SnapshotUnit => ({
  id,
  code,
  name,
  category,
  affiliation,
  countsTowardDirectLimit,
  byType: {
    行政编制: { approved: 0, actual: 0, pending: 0 },
    事业编制: { approved: 0, actual: 0, pending: 0 },
    聘用编制: { approved: 0, actual: 0, pending: 0 },
  },
  posts: { 正科: { approved: 0, filled: 0 }, 副科: { approved: 0, filled: 0 } },
  poolBorrowed: 0,
  responsibilities: null,
});

interface Projection {
  after: LedgerSnapshot;
  /** Units whose numbers the matter changes. */
  touched: Set<number>;
  problems: RuleResult[];
}

const result = (
  rule: RuleName,
  ok: boolean,
  message: string,
  unitId: number | null,
  excess = 0,
): RuleResult => ({
  rule,
  ok,
  waived: false,
  message,
  unitId,
  excess,
});

/** Applies the changes to a copy of the snapshot; impossible changes are reported as problems. */
export function project(before: LedgerSnapshot, changes: readonly Change[]): Projection {
  const after = clone(before);
  const touched = new Set<number>();
  const problems: RuleResult[] = [];
  let newId = -1;
  const unit = (id: number): SnapshotUnit | null => {
    const u = after.units.get(id);
    if (!u)
      problems.push(
        result(
          'unitState',
          false,
          isLocalRef(id) ? `第 ${-id} 个新设机构在引用它的变更之前尚未设立` : `机构 ${id} 不存在或已撤销`,
          id,
        ),
      );
    return u ?? null;
  };
  const addQuota = (u: SnapshotUnit, t: ReportingType, delta: number, own = true) => {
    u.byType[t].approved += delta;
    if (own) after.countyOwnApproved[t] += delta;
    touched.add(u.id);
  };

  for (const c of changes) {
    switch (c.kind) {
      case 'establish': {
        if (after.codes.has(c.code))
          problems.push(result('unitState', false, `机构编码 ${c.code} 已被使用`, null));
        if (c.parentUnitId !== null) unit(c.parentUnitId);
        after.codes.add(c.code);
        const id = newId--;
        after.units.set(
          id,
          emptyUnit(id, c.code, c.name, c.category, c.affiliation, c.countsTowardDirectLimit ?? false),
        );
        break;
      }
      case 'abolish':
      case 'merge': {
        const ids = c.kind === 'abolish' ? [c.unitId] : c.unitIds;
        if (c.kind === 'merge') unit(c.intoUnitId);
        for (const id of ids) {
          const u = unit(id);
          if (u) touched.add(u.id);
        }
        break;
      }
      case 'rename':
      case 'rank':
      case 'plaque':
        unit(c.unitId);
        break;
      case 'quotaAdd':
      case 'quotaReduce': {
        const u = unit(c.unitId);
        if (u) addQuota(u, reportingType(c.quotaType), c.kind === 'quotaAdd' ? c.amount : -c.amount);
        break;
      }
      case 'transfer':
        for (const line of c.lines) {
          const u = unit(line.unitId);
          if (u) addQuota(u, reportingType(c.quotaType), line.delta);
        }
        break;
      case 'poolBorrow':
      case 'poolReturn': {
        const u = unit(c.unitId);
        if (!u) break;
        const delta = c.kind === 'poolBorrow' ? c.amount : -c.amount;
        if (c.kind === 'poolReturn' && c.amount > u.poolBorrowed) {
          problems.push(
            result(
              'poolReturn',
              false,
              `${u.name} 借用周转池编制 ${u.poolBorrowed} 名，不能归还 ${c.amount} 名`,
              u.id,
              c.amount - u.poolBorrowed,
            ),
          );
        }
        u.poolBorrowed += delta;
        addQuota(u, '事业编制', delta, false);
        break;
      }
      case 'posts': {
        const u = unit(c.unitId);
        if (!u) break;
        u.posts[c.level].approved = c.approved;
        touched.add(u.id);
        break;
      }
      case 'recruitmentPlan': {
        const u = unit(c.unitId);
        if (u) touched.add(u.id);
        break;
      }
      case 'enter': {
        const u = unit(c.unitId);
        if (!u) break;
        const t = reportingType(c.quotaType);
        if (c.personId !== null) {
          const p = after.people.get(c.personId);
          if (!p) {
            problems.push(result('personState', false, `人员 ${c.personId} 不存在`, u.id));
          } else if (p.status === '在编') {
            problems.push(result('personState', false, `该人员已在编，不能重复上编`, u.id));
          } else if (p.status === '待入编') {
            const from = after.units.get(p.unitId);
            if (from) from.byType[reportingType(p.quotaType)].pending -= 1;
          }
        }
        u.byType[t].actual += 1;
        if (c.leadershipLevel === '正科' || c.leadershipLevel === '副科')
          u.posts[c.leadershipLevel].filled += 1;
        if (c.planMatterId !== null) {
          const plan = after.planPlaces.get(c.planMatterId);
          if (!plan || plan.unitId !== u.id || plan.type !== t || plan.open < 1) {
            problems.push(
              result(
                'recruitmentVacancy',
                false,
                `用编计划 ${c.planMatterId} 没有可用于该单位${t}的名额`,
                u.id,
                1,
              ),
            );
          } else {
            plan.open -= 1;
            const key = `${u.id}|${t}`;
            after.openPlanPlaces.set(key, (after.openPlanPlaces.get(key) ?? 0) - 1);
          }
        }
        touched.add(u.id);
        break;
      }
      case 'duty': {
        const from = unit(c.fromUnitId);
        const to = unit(c.toUnitId);
        if (!from || !to) break;
        const moved = moveDuty(from.responsibilities, to.responsibilities, c.duty);
        if (!moved.found) {
          problems.push(
            result('unitState', false, `${from.name} 的职责任务中没有“${c.duty}”，不能划出`, from.id),
          );
          break;
        }
        from.responsibilities = moved.from;
        to.responsibilities = moved.to;
        break;
      }
      case 'leave': {
        const p = after.people.get(c.personId);
        if (!p || p.status !== '在编') {
          problems.push(
            result('personState', false, `人员 ${c.personId} 不是在编人员，不能下编`, p?.unitId ?? null),
          );
          break;
        }
        const u = unit(p.unitId);
        if (!u) break;
        u.byType[reportingType(p.quotaType)].actual -= 1;
        if (p.leadershipLevel === '正科' || p.leadershipLevel === '副科')
          u.posts[p.leadershipLevel].filled -= 1;
        p.status = '已出编';
        touched.add(u.id);
        break;
      }
    }
  }
  return { after, touched, problems };
}

function abolished(changes: readonly Change[]): number[] {
  return changes.flatMap((c) => (c.kind === 'abolish' ? [c.unitId] : c.kind === 'merge' ? c.unitIds : []));
}

/**
 * Every rule of the matter on the snapshot. An explicit, recorded exception waives
 * 不得超编 and 不得超职数 (the result still says the rule fails, marked waived).
 */
export function evaluateRules(
  before: LedgerSnapshot,
  changes: readonly Change[],
  opts: { exception: boolean },
): RuleResult[] {
  const { after, touched, problems } = project(before, changes);
  const out: RuleResult[] = [...problems];

  // 严控总量: the county's own quota of each type within its control total.
  for (const t of REPORTING_TYPES) {
    const total = before.controlTotals[t];
    if (total === undefined) continue;
    const was = before.countyOwnApproved[t];
    const now = after.countyOwnApproved[t];
    if (now > total && now > was) {
      out.push(
        result('controlTotal', false, `全县${t}将达 ${now} 名，超过控制总量 ${total} 名`, null, now - total),
      );
    } else if (now !== was) {
      out.push(result('controlTotal', true, `全县${t} ${was} → ${now} 名，控制总量 ${total} 名`, null));
    }
  }

  // 机构限额: the units counting toward each cap, abolished and merged-away units gone.
  const gone = new Set(abolished(changes));
  for (const kind of INSTITUTION_LIMIT_KINDS) {
    const limit = before.limits[kind];
    if (limit === undefined) continue;
    const was = [...before.units.values()].filter((u) => countsToward(kind, u)).length;
    const now = [...after.units.values()].filter((u) => !gone.has(u.id) && countsToward(kind, u)).length;
    if (now > limit.cap && now > was) {
      out.push(
        result(
          'institutionLimit',
          false,
          `全县${kind}将达 ${now} 个，超过机构限额 ${limit.cap} 个（${limit.source}）`,
          null,
          now - limit.cap,
        ),
      );
    } else if (now !== was) {
      out.push(
        result('institutionLimit', true, `全县${kind} ${was} → ${now} 个，机构限额 ${limit.cap} 个`, null),
      );
    }
  }

  // 增减平衡: each transfer removes exactly what it adds.
  for (const c of changes) {
    if (c.kind !== 'transfer') continue;
    const sum = c.lines.reduce((s, l) => s + l.delta, 0);
    const out_ = c.lines.filter((l) => l.delta < 0).reduce((s, l) => s - l.delta, 0);
    const in_ = c.lines.filter((l) => l.delta > 0).reduce((s, l) => s + l.delta, 0);
    out.push(
      result(
        'balance',
        sum === 0,
        sum === 0
          ? `${c.quotaType}调出 ${out_} 名、调入 ${in_} 名，增减平衡`
          : `${c.quotaType}调出 ${out_} 名、调入 ${in_} 名，相差 ${Math.abs(sum)} 名`,
        null,
        Math.abs(sum),
      ),
    );
  }

  // 不得超编 / 不得超职数, for the units the matter changes; a unit already over is not made worse.
  for (const id of touched) {
    const a = after.units.get(id);
    const b = before.units.get(id);
    if (!a) continue;
    for (const t of REPORTING_TYPES) {
      const x = a.byType[t];
      const overAfter = x.actual - x.approved;
      const overBefore = b ? b.byType[t].actual - b.byType[t].approved : 0;
      if (x.approved < 0) {
        out.push(
          result('noOverQuota', false, `${a.name} ${t}核定将为 ${x.approved}，不能为负`, id, -x.approved),
        );
      } else if (overAfter > 0 && overAfter > overBefore) {
        out.push(
          result(
            'noOverQuota',
            false,
            `${a.name} ${t}：核定 ${x.approved}，实有 ${x.actual}，超编 ${overAfter} 名`,
            id,
            overAfter,
          ),
        );
      }
    }
    for (const level of ['正科', '副科'] as const) {
      const p = a.posts[level];
      const overAfter = p.filled - p.approved;
      const overBefore = b ? b.posts[level].filled - b.posts[level].approved : 0;
      if (overAfter > 0 && overAfter > overBefore) {
        out.push(
          result(
            'noOverPosts',
            false,
            `${a.name} ${level}级领导职数 ${p.approved} 名，实配 ${p.filled} 名，超配 ${overAfter} 名`,
            id,
            overAfter,
          ),
        );
      }
    }
  }

  // 用编不超实际空编: a plan's places within 实际空编 less the places other approved plans hold.
  for (const c of changes) {
    if (c.kind !== 'recruitmentPlan') continue;
    const u = after.units.get(c.unitId);
    if (!u) continue;
    const t = reportingType(c.quotaType);
    const x = u.byType[t];
    const realVacant = Math.max(0, x.approved - x.actual - x.pending);
    const held = after.openPlanPlaces.get(`${u.id}|${t}`) ?? 0;
    const free = Math.max(0, realVacant - held);
    out.push(
      result(
        'recruitmentVacancy',
        c.places <= free,
        `${u.name} ${t}实际空编 ${realVacant} 名，已批未用计划占 ${held} 名，可用 ${free} 名，本计划 ${c.places} 名`,
        u.id,
        Math.max(0, c.places - free),
      ),
    );
  }

  // A unit abolished or merged away keeps nobody on the establishment.
  for (const id of abolished(changes)) {
    const u = after.units.get(id);
    if (!u) continue;
    const staff = REPORTING_TYPES.reduce((s, t) => s + u.byType[t].actual + u.byType[t].pending, 0);
    if (staff > 0) {
      out.push(
        result('unitState', false, `${u.name} 仍有 ${staff} 名在编或待入编人员，应先下编或调整`, id, staff),
      );
    }
  }

  return out.map((r) =>
    !r.ok && opts.exception && (r.rule === 'noOverQuota' || r.rule === 'noOverPosts')
      ? { ...r, waived: true }
      : r,
  );
}

/** The rules that stop the matter: failing and not waived. */
export function blocking(results: readonly RuleResult[]): RuleResult[] {
  return results.filter((r) => !r.ok && !r.waived);
}

export function describeBlocking(results: readonly RuleResult[]): string {
  return blocking(results)
    .map((r) => `【${RULE_NAMES[r.rule]}】${r.message}`)
    .join('；');
}
