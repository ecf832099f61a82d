// 机构改革 Word documents in the GB/T 9704 layout of basic-docx.ts: the 底数台账 and the
// 改革前后对比表 (the figures table carries "改革前 → 改革后").
import type { BaselineContent, Comparison } from '../common/wire-reform.ts';
import { comparisonRows } from '../domain/reform/baseline.ts';
import { chineseDate, renderOfficialDocx } from './basic-docx.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const heading = (i: number, text: string) => `${NUMERALS[i] ?? String(i + 1)}、${text}`;
const TYPES = ['行政编制', '事业编制', '聘用编制'] as const;

export async function renderBaselineDocx(b: BaselineContent, hash: string): Promise<Buffer> {
  const lines: string[] = [
    heading(0, '底数范围'),
    `本底数截至${chineseDate(b.asOf)}，${b.wholeCounty ? '范围为全县' : `涉改机构${b.units.length}个`}，冻结后不可更改，SM3 哈希值为 ${hash}。`,
    heading(1, '机构情况'),
  ];
  b.units.forEach((u, i) => {
    lines.push(`（${NUMERALS[i] ?? String(i + 1)}）${u.name}`);
    const quotas = TYPES.filter((t) => u.byType[t].approved > 0 || u.byType[t].actual > 0)
      .map((t) => `${t}${u.byType[t].approved}名、实有${u.byType[t].actual}名`)
      .join('，');
    lines.push(
      `机构类别：${u.category}；规格：${u.rank ?? '未定'}；隶属：${u.affiliation ?? (u.parentName ? `${u.parentName}所属` : '无')}。` +
        `领导职数：正科${u.posts['正科'].approved}名（实配${u.posts['正科'].filled}名），副科${u.posts['副科'].approved}名（实配${u.posts['副科'].filled}名）。` +
        `编制：${quotas || '无'}。` +
        (u.sandingDocNo
          ? `三定规定：${u.sandingDocNo}${u.sandingDate ? `（${u.sandingDate}）` : ''}。`
          : '') +
        (u.responsibilities ? `主要职责：${u.responsibilities}` : ''),
    );
  });
  return renderOfficialDocx({
    title: `${b.projectName}底数台账`,
    subtitle: `（截至${chineseDate(b.asOf)}）`,
    description: `${b.projectName}底数台账`,
    lines,
    figures: comparisonRows(b.units, []).map((r) => ({ label: `${r.group}：${r.label}`, value: r.before })),
  });
}

export async function renderComparisonDocx(c: Comparison): Promise<Buffer> {
  const lines: string[] = [
    heading(0, '对比口径'),
    `改革前为${chineseDate(c.baselineDate)}冻结的底数，改革后为台账${chineseDate(c.asOf)}的情况。`,
    heading(1, '机构对应情况'),
    ...c.mapping.map(
      (m) =>
        `${m.name}：${m.fate}${m.becomes && m.fate !== '保留' ? `（${m.becomes}）` : ''}` +
        (m.quotas.length > 0 ? `；编制：${m.quotas.join('，')}` : '') +
        (m.people.length > 0 ? `；人员：${m.people.join('，')}` : '') +
        '。',
    ),
    ...(c.newUnits.length > 0 ? [`新设机构：${c.newUnits.map((u) => u.name).join('、')}。`] : []),
  ];
  return renderOfficialDocx({
    title: `${c.projectName}改革前后对比表`,
    subtitle: `（${chineseDate(c.baselineDate)}—${chineseDate(c.asOf)}）`,
    description: `${c.projectName}改革前后对比表`,
    lines,
    figures: c.rows.map((r) => ({
      label: `${r.group}：${r.label}`,
      value: `${r.before} → ${r.after}（${r.after - r.before >= 0 ? '+' : ''}${r.after - r.before}）`,
    })),
  });
}
