// The 底数 of a reform, pure: the units concerned as of the baseline date (设置, 规格, 隶属, 职责,
// 领导职数, 编制 by type, 实有), serialised once into the text that is stored and sealed. The hash
// is SM3 of exactly that text, so a change to a stored baseline shows as a different hash.
import crypto from 'node:crypto';
import type { BaselineContent, BaselineUnit, ComparisonRow } from '../../common/wire-reform.ts';
import { UNIT_CATEGORIES, UNIT_RANKS } from '../../common/labels.ts';
import { REPORTING_TYPES } from '../establishment/rules.ts';

export function baselineText(content: BaselineContent): string {
  return JSON.stringify(content);
}

export function sealHash(text: string): string {
  return crypto.createHash('sm3').update(text, 'utf8').digest('hex');
}

export function parseBaseline(text: string): BaselineContent {
  return JSON.parse(text) as BaselineContent;
}

/** A unit as the comparison counts it (a baseline unit or a unit of the ledger on a date). */
export type CountedUnit = Pick<BaselineUnit, 'category' | 'rank' | 'posts' | 'byType'>;

/** The rows of the 改革前后对比表 for one side: counts by category and 规格, 领导职数, 编制, 实有. */
export function comparisonFigures(
  units: readonly CountedUnit[],
): Map<string, { group: string; label: string; value: number }> {
  const out = new Map<string, { group: string; label: string; value: number }>();
  const add = (group: string, label: string, value: number) => {
    const key = `${group}|${label}`;
    const cur = out.get(key);
    out.set(key, { group, label, value: (cur?.value ?? 0) + value });
  };
  add('机构数', '合计', 0);
  for (const c of UNIT_CATEGORIES) if (c !== '内设机构') add('机构数（按类别）', c, 0);
  for (const r of UNIT_RANKS) add('机构数（按规格）', r, 0);
  add('机构数（按规格）', '未定', 0);
  for (const u of units) {
    add('机构数', '合计', 1);
    add('机构数（按类别）', u.category, 1);
    add('机构数（按规格）', u.rank ?? '未定', 1);
  }
  for (const level of ['正科', '副科'] as const) {
    add(
      '领导职数',
      `${level}级核定`,
      units.reduce((s, u) => s + u.posts[level].approved, 0),
    );
    add(
      '领导职数',
      `${level}级实配`,
      units.reduce((s, u) => s + u.posts[level].filled, 0),
    );
  }
  add(
    '编制',
    '合计',
    units.reduce((s, u) => s + REPORTING_TYPES.reduce((x, t) => x + u.byType[t].approved, 0), 0),
  );
  for (const t of REPORTING_TYPES)
    add(
      '编制',
      t,
      units.reduce((s, u) => s + u.byType[t].approved, 0),
    );
  add(
    '实有',
    '合计',
    units.reduce((s, u) => s + REPORTING_TYPES.reduce((x, t) => x + u.byType[t].actual, 0), 0),
  );
  for (const t of REPORTING_TYPES)
    add(
      '实有',
      t,
      units.reduce((s, u) => s + u.byType[t].actual, 0),
    );
  return out;
}

/** Both sides' rows, before first; a row present on one side only counts 0 on the other. */
export function comparisonRows(
  before: readonly CountedUnit[],
  after: readonly CountedUnit[],
): ComparisonRow[] {
  const b = comparisonFigures(before);
  const a = comparisonFigures(after);
  const keys = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  return keys.map((k) => {
    const x = b.get(k) ?? a.get(k);
    return {
      group: x?.group ?? '',
      label: x?.label ?? '',
      before: b.get(k)?.value ?? 0,
      after: a.get(k)?.value ?? 0,
    };
  });
}
