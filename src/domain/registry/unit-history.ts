// 沿革: a unit's history as a chain of documents — every version, quota, post and plaque row
// with its date, 文号 and what it changed, oldest first. Corrections are shown as such.
import type { UnitHistoryEntry } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { postHistory, quotaHistory } from '../../db/repositories/establishment.ts';
import { unitHistoryMatters } from '../../db/repositories/history.ts';
import { plaqueHistory, unitVersions } from '../../db/repositories/units.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';

export async function unitHistory(
  ctx: AppContext,
  opts: { principal: Principal; unitId: number },
): Promise<UnitHistoryEntry[]> {
  const db = ctx.db.kysely;
  await authorize(db, opts.principal, 'unit.read', { units: [opts.unitId] });
  const [versions, quotas, posts, plaques, past] = await Promise.all([
    unitVersions(db, opts.unitId),
    quotaHistory(db, opts.unitId),
    postHistory(db, opts.unitId),
    plaqueHistory(db, opts.unitId),
    unitHistoryMatters(db, opts.unitId),
  ]);
  const entries: UnitHistoryEntry[] = [];
  let previous: (typeof versions)[number] | undefined;
  for (const v of versions) {
    const parts = [v.changeKind];
    if (!previous || previous.name !== v.name) parts.push(`名称：${v.name}`);
    if (previous && previous.rank !== v.rank) parts.push(`规格：${v.rank ?? '—'}`);
    if (v.abolishedOn && (!previous || previous.abolishedOn !== v.abolishedOn))
      parts.push(`撤销日期 ${v.abolishedOn}`);
    entries.push({
      date: v.validFrom,
      docNo: v.docNo,
      what: parts.join('，'),
      kind: 'unit',
      matterId: v.matterId,
      retracted: v.retracted,
    });
    if (!v.retracted) previous = v;
  }
  for (const q of quotas) {
    entries.push({
      date: q.effectiveFrom,
      docNo: q.docNo,
      what: `${q.quotaType}${q.source ? `（${q.source}）` : ''}核定 ${q.approved} 名`,
      kind: 'quota',
      matterId: q.matterId,
      retracted: q.retracted,
    });
  }
  for (const p of posts) {
    entries.push({
      date: p.effectiveFrom,
      docNo: p.docNo,
      what: `${p.level}级领导职数 ${p.approved} 名`,
      kind: 'post',
      matterId: p.matterId,
      retracted: p.retracted,
    });
  }
  for (const p of plaques) {
    entries.push({
      date: p.validFrom ?? '',
      docNo: p.docNo,
      what: `加挂“${p.name}”牌子`,
      kind: 'plaque',
      matterId: p.matterId,
      retracted: p.retracted,
    });
  }
  for (const m of past) {
    const quantity = m.quotaType ? `${m.quotaType} ${m.amount} 名` : m.amount > 1 ? `${m.amount}` : '';
    entries.push({
      date: m.effectiveOn,
      docNo: m.docNo,
      what: [m.kind, quantity, m.note ?? ''].filter((x) => x !== '').join('，'),
      kind: 'history',
      matterId: null,
      retracted: m.retracted,
    });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}
