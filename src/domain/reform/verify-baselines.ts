// Part of `audit verify`: every frozen reform baseline is hashed again and compared with the hash
// its freezing event sealed in the audit chain (which the chain itself protects). A baseline
// changed behind the system's back — its text, its stored hash, or both — no longer matches.
import type { Executor } from '../../db/repositories/executor.ts';
import { allBaselines, frozenBaselineHashes } from '../../db/repositories/reform.ts';
import { sealHash } from './baseline.ts';

export interface BaselineProblem {
  baselineId: number;
  projectId: number;
  /** The freezing event, or 0 when none was found. */
  eventId: number;
  reason: string;
}

export async function verifyBaselines(db: Executor): Promise<BaselineProblem[]> {
  const [baselines, sealed] = await Promise.all([allBaselines(db), frozenBaselineHashes(db)]);
  const problems: BaselineProblem[] = [];
  for (const b of baselines) {
    const events = sealed.get(b.id) ?? [];
    const event = events[0];
    const actual = sealHash(b.content);
    const base = { baselineId: b.id, projectId: b.projectId, eventId: event?.eventId ?? 0 };
    if (!event) {
      problems.push({ ...base, reason: `机构改革底数 ${b.id}（项目 ${b.projectId}）在审计链中没有冻结记录` });
    } else if (events.length > 1) {
      problems.push({
        ...base,
        reason: `机构改革底数 ${b.id}（项目 ${b.projectId}）在审计链中有多条冻结记录`,
      });
    } else if (actual !== event.hash || b.hash !== event.hash) {
      problems.push({
        ...base,
        reason: `机构改革底数 ${b.id}（项目 ${b.projectId}）已被改动：现内容哈希 ${actual.slice(0, 16)}…，冻结时 ${event.hash.slice(0, 16)}…`,
      });
    }
  }
  return problems;
}
