// 组织实施: the effects of a decided matter on the ledger, applied inside the caller's
// transaction on the effective date. Every row written carries the matter and its 批准文号,
// so each figure's history reads as a chain of documents (沿革).
import { CHANGE_KINDS, type Change } from '../../common/matters.ts';
import {
  idNumberBirthDate,
  idNumberGender,
  maskIdNumber,
  normalizeIdNumber,
} from '../../common/codes/id-card.ts';
import type { AuditEventInput } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import * as est from '../../db/repositories/establishment.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import * as people from '../../db/repositories/people.ts';
import * as units from '../../db/repositories/units.ts';
import { AppError } from '../../errors.ts';
import { blindIndex, encryptField } from '../../security/field-crypto.ts';
import { isLocalRef, mapUnitRefs, moveDuty } from './change-rules.ts';
import { unsealIdNumber } from './sealed-id.ts';
import { rowsInForce } from '../establishment/rules.ts';

export interface ApplyContext {
  ctx: AppContext;
  trx: Executor;
  regionCode: string;
  matterId: number;
  docNo: string;
  effectiveOn: string;
  at: string;
  actorId: number;
}

/** The state of a unit in force on the effective date, for a new version to start from. */
async function stateOn(a: ApplyContext, unitId: number): Promise<units.UnitRecord> {
  const u = await units.unitAsOf(a.trx, unitId, a.effectiveOn);
  if (!u) throw new AppError('RULE_VIOLATION', `机构 ${unitId} 不存在`);
  return u;
}

async function newVersion(
  a: ApplyContext,
  u: units.UnitRecord,
  patch: Partial<units.UnitState>,
  kind: string,
): Promise<void> {
  await units.insertVersion(
    a.trx,
    units.versionValues(
      u.id,
      { ...u, ...patch },
      {
        validFrom: a.effectiveOn,
        changeKind: kind,
        docNo: a.docNo,
        at: a.at,
        by: a.actorId,
        matterId: a.matterId,
      },
    ),
  );
}

/** Adds `delta` to the quota of (unit, type, source) from the effective date on. */
async function adjustQuota(
  a: ApplyContext,
  unitId: number,
  quotaType: string,
  source: string,
  delta: number,
): Promise<void> {
  const rows = (await est.activeQuotaRows(a.trx, [unitId])).filter(
    (q) => q.quotaType === quotaType && q.source === source,
  );
  const current = rowsInForce(rows, () => 'k', a.effectiveOn)[0];
  const sameDay = rows.find((q) => q.effectiveFrom === a.effectiveOn);
  // Two changes of one day become one row: the latest row of a date is the one in force.
  if (sameDay) await est.retractQuota(a.trx, sameDay.id, a.at);
  const base = sameDay?.approved ?? current?.approved ?? 0;
  await est.insertQuota(a.trx, {
    unitId,
    quotaType,
    source,
    approved: base + delta,
    effectiveFrom: a.effectiveOn,
    docNo: a.docNo,
    at: a.at,
    by: a.actorId,
    matterId: a.matterId,
  });
  // Rows dated after the effective date were approved on top of the old count: carry the change.
  for (const later of rows.filter((q) => q.effectiveFrom > a.effectiveOn)) {
    await est.retractQuota(a.trx, later.id, a.at);
    await est.insertQuota(a.trx, {
      unitId,
      quotaType,
      source,
      approved: later.approved + delta,
      effectiveFrom: later.effectiveFrom,
      docNo: later.docNo,
      at: a.at,
      by: a.actorId,
      matterId: a.matterId,
    });
  }
}

/** Applies one change whose unit references are resolved; a 设立 reports the unit it created. */
async function applyOne(a: ApplyContext, c: Change, created: number[]): Promise<string> {
  switch (c.kind) {
    case 'establish': {
      const unitId = await units.insertUnit(a.trx, { regionCode: a.regionCode, code: c.code, at: a.at });
      created.push(unitId);
      const institution = c.category === '事业单位';
      await units.insertVersion(
        a.trx,
        units.versionValues(
          unitId,
          {
            name: c.name,
            shortName: null,
            parentUnitId: c.parentUnitId,
            category: c.category,
            rank: c.rank,
            affiliation: c.affiliation,
            countsTowardDirectLimit: institution
              ? (c.countsTowardDirectLimit ?? false)
              : c.countsTowardDirectLimit,
            funding: c.funding,
            type: institution ? (c.type ?? '一般') : c.type,
            sector: institution ? (c.sector ?? '其他') : c.sector,
            legalPerson: null,
            uscc: null,
            foundedOn: a.effectiveOn,
            abolishedOn: null,
          },
          {
            validFrom: a.effectiveOn,
            changeKind: '设立',
            docNo: a.docNo,
            at: a.at,
            by: a.actorId,
            matterId: a.matterId,
          },
        ),
      );
      return `设立 ${c.code} ${c.name}`;
    }
    case 'abolish': {
      const u = await stateOn(a, c.unitId);
      await newVersion(a, u, { abolishedOn: a.effectiveOn }, '撤销');
      return `撤销 ${u.name}`;
    }
    case 'merge': {
      const into = await stateOn(a, c.intoUnitId);
      const names: string[] = [];
      for (const id of c.unitIds) {
        const u = await stateOn(a, id);
        await newVersion(a, u, { abolishedOn: a.effectiveOn }, '合并');
        names.push(u.name);
      }
      return `${names.join('、')} 并入 ${into.name}`;
    }
    case 'rename': {
      const u = await stateOn(a, c.unitId);
      await newVersion(a, u, { name: c.name }, '更名');
      return `${u.name} 更名为 ${c.name}`;
    }
    case 'rank': {
      const u = await stateOn(a, c.unitId);
      await newVersion(a, u, { rank: c.rank }, '规格调整');
      return `${u.name} 规格调整为 ${c.rank}`;
    }
    case 'plaque': {
      const u = await stateOn(a, c.unitId);
      await units.insertPlaque(a.trx, {
        unitId: u.id,
        name: c.name,
        validFrom: a.effectiveOn,
        at: a.at,
        docNo: a.docNo,
        matterId: a.matterId,
      });
      return `${u.name} 加挂 ${c.name} 牌子`;
    }
    case 'quotaAdd':
    case 'quotaReduce': {
      const delta = c.kind === 'quotaAdd' ? c.amount : -c.amount;
      await adjustQuota(a, c.unitId, c.quotaType, '', delta);
      return `${(await stateOn(a, c.unitId)).name} ${c.quotaType}${CHANGE_KINDS[c.kind]} ${c.amount} 名`;
    }
    case 'transfer':
      for (const line of c.lines) await adjustQuota(a, line.unitId, c.quotaType, '', line.delta);
      return `调剂${c.quotaType} ${c.lines.filter((l) => l.delta > 0).reduce((s, l) => s + l.delta, 0)} 名`;
    case 'poolBorrow':
    case 'poolReturn':
      await adjustQuota(a, c.unitId, '事业编制', '周转池', c.kind === 'poolBorrow' ? c.amount : -c.amount);
      return `${(await stateOn(a, c.unitId)).name} ${CHANGE_KINDS[c.kind]} ${c.amount} 名`;
    case 'posts': {
      await est.insertPost(a.trx, {
        unitId: c.unitId,
        level: c.level,
        approved: c.approved,
        effectiveFrom: a.effectiveOn,
        docNo: a.docNo,
        at: a.at,
        by: a.actorId,
        matterId: a.matterId,
      });
      return `${(await stateOn(a, c.unitId)).name} ${c.level}级领导职数调整为 ${c.approved} 名`;
    }
    case 'recruitmentPlan':
      // The plan lives in the decided matter; its places are held until used by 上编.
      return `${(await stateOn(a, c.unitId)).name} ${c.channel}计划 ${c.places} 名`;
    case 'enter':
      return enter(a, c);
    case 'duty': {
      const from = await stateOn(a, c.fromUnitId);
      const to = await stateOn(a, c.toUnitId);
      const moved = moveDuty(from.responsibilities ?? null, to.responsibilities ?? null, c.duty);
      if (!moved.found) throw new AppError('RULE_VIOLATION', `${from.name} 的职责任务中没有“${c.duty}”`);
      await newVersion(a, from, { responsibilities: moved.from }, '职责划转');
      await newVersion(a, await stateOn(a, c.toUnitId), { responsibilities: moved.to }, '职责划转');
      return `${from.name} 的职责“${c.duty}”划入 ${to.name}`;
    }
    case 'leave': {
      const [current] = await people.currentPlacementsOf(a.trx, [c.personId]);
      if (!current) throw new AppError('RULE_VIOLATION', `人员 ${c.personId} 不存在`);
      await people.supersedePlacement(a.trx, current.id, {
        ...current,
        status: '已出编',
        leftOn: a.effectiveOn,
        personId: c.personId,
        at: a.at,
        by: a.actorId,
        matterId: a.matterId,
      });
      return `人员 ${c.personId} 下编（${c.reason}）`;
    }
  }
}

async function enter(a: ApplyContext, c: Extract<Change, { kind: 'enter' }>): Promise<string> {
  let personId = c.personId;
  let currentId: number | null = null;
  if (personId === null) {
    if (!c.idNumber || !c.name) throw new AppError('VALIDATION', '新上编人员须填写身份证号和姓名');
    const id = normalizeIdNumber(unsealIdNumber(a.ctx, c.idNumber));
    const hash = blindIndex(a.ctx.keys, id);
    const known = (await people.peopleByHash(a.trx, [hash])).get(hash);
    if (known) {
      personId = known.id;
      currentId = known.placement?.id ?? null;
    } else {
      const ids = await people.insertPeople(a.trx, [
        {
          idHash: hash,
          idCipher: encryptField(a.ctx.keys, id),
          idMasked: maskIdNumber(id),
          name: c.name,
          gender: idNumberGender(id),
          birthDate: idNumberBirthDate(id),
          at: a.at,
        },
      ]);
      personId = ids.get(hash) ?? null;
    }
  } else {
    currentId = (await people.currentPlacementsOf(a.trx, [personId]))[0]?.id ?? null;
  }
  if (personId === null) throw new AppError('RULE_VIOLATION', '无法登记上编人员');
  await people.supersedePlacement(a.trx, currentId, {
    unitId: c.unitId,
    quotaType: c.quotaType,
    status: '在编',
    channel: c.channel,
    leadershipLevel: c.leadershipLevel,
    enteredOn: a.effectiveOn,
    leftOn: null,
    personId,
    at: a.at,
    by: a.actorId,
    matterId: a.matterId,
  });
  return `人员 ${personId} 上编（${c.channel}）`;
}

/**
 * Applies every change of the matter in order; returns the audit events describing them and the
 * changes as applied: a unit established earlier in the list (local reference -n) is replaced by
 * the id its 设立 created, so later changes give quota, people and 职数 to that unit.
 */
export async function applyChanges(
  a: ApplyContext,
  changes: readonly Change[],
): Promise<{ events: AuditEventInput[]; applied: Change[] }> {
  const events: AuditEventInput[] = [];
  const applied: Change[] = [];
  const created: number[] = [];
  const resolve = (id: number): number => {
    if (!isLocalRef(id)) return id;
    const real = created[-id - 1];
    if (real === undefined) throw new AppError('RULE_VIOLATION', `第 ${-id} 个新设机构尚未设立`);
    return real;
  };
  for (const raw of changes) {
    const c = mapUnitRefs(raw, resolve);
    applied.push(c);
    const summary = await applyOne(a, c, created);
    events.push({
      action: 'matter.effect',
      entityType: 'matter',
      entityId: a.matterId,
      regionCode: a.regionCode,
      summary: `${a.docNo}：${summary}（自 ${a.effectiveOn}）`,
      payload: { before: null, after: { kind: c.kind, docNo: a.docNo, effectiveOn: a.effectiveOn } },
    });
  }
  return { events, applied };
}
