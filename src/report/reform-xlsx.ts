// 机构改革 workbooks: the 底数台账 of a frozen baseline and the 改革前后对比表, as titled tables
// (xlsx-style.ts: every text cell neutralised against formula injection).
import ExcelJS from 'exceljs';
import type { BaselineContent, Comparison } from '../common/wire-reform.ts';
import { comparisonRows } from '../domain/reform/baseline.ts';
import { titledTable } from './xlsx-style.ts';

const TYPES = ['行政编制', '事业编制', '聘用编制'] as const;

/** A titled table whose columns are wide where their header is long or names the unit. */
function table(ws: ExcelJS.Worksheet, title: string, subtitle: string, headers: string[], rows: unknown[][]) {
  const columns = headers.map((h) => ({ header: h, width: h.length > 6 || h === '机构名称' ? 28 : 12 }));
  titledTable(ws, title, subtitle, columns, rows);
}

/** 底数台账: one row per unit, then the 统计表 of the baseline. */
export async function renderBaselineXlsx(b: BaselineContent, hash: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '机构编制管理系统';
  const ws = wb.addWorksheet('底数台账');
  table(
    ws,
    `${b.projectName}底数台账`,
    `截至 ${b.asOf}；${b.wholeCounty ? '全县' : `涉改机构 ${b.units.length} 个`}；冻结哈希（SM3）${hash}`,
    [
      '机构编码',
      '机构名称',
      '机构类别',
      '机构规格',
      '隶属关系',
      '上级机构',
      '职责任务',
      '三定文号',
      '三定日期',
      '正科职数',
      '正科实配',
      '副科职数',
      '副科实配',
      ...TYPES.flatMap((t) => [`${t}核定`, `${t}实有`]),
      '其中政法专项编制',
    ],
    b.units.map((u) => [
      u.code,
      u.name,
      u.category,
      u.rank ?? '',
      u.affiliation ?? '',
      u.parentName ?? '',
      u.responsibilities ?? '',
      u.sandingDocNo ?? '',
      u.sandingDate ?? '',
      u.posts['正科'].approved,
      u.posts['正科'].filled,
      u.posts['副科'].approved,
      u.posts['副科'].filled,
      ...TYPES.flatMap((t) => [u.byType[t].approved, u.byType[t].actual]),
      u.politicalLegalApproved,
    ]),
  );
  const stats = wb.addWorksheet('统计表');
  table(
    stats,
    `${b.projectName}底数统计表`,
    `截至 ${b.asOf}`,
    ['项目', '分项', '数量'],
    comparisonRows(b.units, []).map((r) => [r.group, r.label, r.before]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 改革前后对比表: the figures before and after, then what became of each unit. */
export async function renderComparisonXlsx(c: Comparison): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '机构编制管理系统';
  table(
    wb.addWorksheet('改革前后对比表'),
    `${c.projectName}改革前后对比表`,
    `改革前：底数 ${c.baselineDate}；改革后：${c.asOf}`,
    ['项目', '分项', '改革前', '改革后', '增减'],
    c.rows.map((r) => [r.group, r.label, r.before, r.after, r.after - r.before]),
  );
  table(
    wb.addWorksheet('机构对应'),
    `${c.projectName}机构对应表`,
    '改革前各机构的去向、编制划转和人员转隶',
    ['机构编码', '改革前机构', '去向', '改革后机构', '编制去向', '人员去向'],
    [
      ...c.mapping.map((m) => [
        m.code,
        m.name,
        m.fate,
        m.becomes ?? '',
        m.quotas.join('；'),
        m.people.join('；'),
      ]),
      ...c.newUnits.map((u) => [u.code, '', '新设', u.name, '', '']),
    ],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
