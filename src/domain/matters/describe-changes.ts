// Each change of a matter in words, with the names of the units and people it concerns.
import { CHANGE_KINDS, type Change } from '../../common/matters.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { getPerson } from '../../db/repositories/people.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';
import { establishments, isLocalRef } from './change-rules.ts';
import { unitsReferred } from './matter-access.ts';
import { isSealed } from './sealed-id.ts';

export async function describeChanges(
  db: Executor,
  changes: readonly Change[],
  date: string,
): Promise<string[]> {
  const names = await unitNamesAsOf(db, unitsReferred(changes), date);
  const created = establishments(changes);
  const unit = (id: number) =>
    isLocalRef(id)
      ? `新设机构“${created[-id - 1]?.name ?? `第 ${-id} 个`}”`
      : (names.get(id)?.name ?? `机构 ${id}`);
  const person = async (id: number) => (await getPerson(db, id))?.name ?? `人员 ${id}`;
  const out: string[] = [];
  for (const c of changes) {
    const kind = CHANGE_KINDS[c.kind];
    switch (c.kind) {
      case 'establish':
        out.push(
          `${kind}：${c.name}（${c.category}${c.rank ? `，${c.rank}` : ''}${c.parentUnitId ? `，隶属${unit(c.parentUnitId)}` : ''}）`,
        );
        break;
      case 'abolish':
        out.push(`${kind}：${unit(c.unitId)}`);
        break;
      case 'merge':
        out.push(`${kind}：${c.unitIds.map(unit).join('、')} 并入 ${unit(c.intoUnitId)}`);
        break;
      case 'rename':
        out.push(`${kind}：${unit(c.unitId)} 更名为 ${c.name}`);
        break;
      case 'rank':
        out.push(`${kind}：${unit(c.unitId)} 调整为 ${c.rank}`);
        break;
      case 'plaque':
        out.push(`${kind}：${unit(c.unitId)} 加挂“${c.name}”牌子`);
        break;
      case 'quotaAdd':
      case 'quotaReduce':
        out.push(`${kind}：${unit(c.unitId)} ${c.quotaType} ${c.amount} 名`);
        break;
      case 'transfer': {
        const from = c.lines.filter((l) => l.delta < 0).map((l) => `${unit(l.unitId)} ${-l.delta} 名`);
        const to = c.lines.filter((l) => l.delta > 0).map((l) => `${unit(l.unitId)} ${l.delta} 名`);
        out.push(`${kind}${c.quotaType}：从 ${from.join('、')} 调入 ${to.join('、')}`);
        break;
      }
      case 'poolBorrow':
      case 'poolReturn':
        out.push(`${kind}：${unit(c.unitId)} 事业编制 ${c.amount} 名`);
        break;
      case 'posts':
        out.push(`${kind}：${unit(c.unitId)} ${c.level}级领导职数 ${c.approved} 名`);
        break;
      case 'recruitmentPlan':
        out.push(
          `${kind}：${unit(c.unitId)} ${c.quotaType} ${c.channel} ${c.places} 名${c.freeNormalStudents ? `（其中公费师范生 ${c.freeNormalStudents} 名）` : ''}`,
        );
        break;
      case 'enter': {
        const who =
          c.personId !== null
            ? await person(c.personId)
            : `${c.name ?? ''}${c.idNumber && isSealed(c.idNumber) ? '（新人员）' : ''}`;
        out.push(
          `${kind}：${who} 进入 ${unit(c.unitId)} ${c.quotaType}（${c.channel}${c.leadershipLevel !== '无' ? `，${c.leadershipLevel}` : ''}）`,
        );
        break;
      }
      case 'leave':
        out.push(`${kind}：${await person(c.personId)}（${c.reason}）`);
        break;
      case 'duty':
        out.push(`${kind}：${unit(c.fromUnitId)} 的“${c.duty}”划入 ${unit(c.toUnitId)}`);
        break;
    }
  }
  return out;
}

/** The changes as the client may see them: a new person's 身份证号 is not sent, even sealed. */
export function redactChanges(changes: readonly Change[]): Change[] {
  return changes.map((c) => (c.kind === 'enter' && c.idNumber ? { ...c, idNumber: '（已加密）' } : c));
}
