// The standards computation as a workbook: an explanation sheet, then a sheet per kind of unit.
import ExcelJS from 'exceljs';
import { describeRule, wholeRegion, type KindResult, type StandardsResult } from '../common/standards.ts';
import { neutralizeCellText, safeRow } from '../common/spreadsheet-text.ts';
import { BOLD, BORDER, FONT, styleHeaderCell, styleTotalCell, TITLE } from './xlsx-style.ts';

function inputColumns(
  kind: KindResult['key'],
): { header: string; value: (r: KindResult['rows'][number]) => number | null }[] {
  if (kind === 'school')
    return [
      { header: '高中学生', value: (r) => r.inputs.senior },
      { header: '初中学生', value: (r) => r.inputs.junior },
      { header: '小学学生', value: (r) => r.inputs.primary },
    ];
  if (kind === 'kindergarten') return [{ header: '在园幼儿', value: (r) => r.inputs.children }];
  return [{ header: '服务人口', value: (r) => r.inputs.servicePopulation }];
}

function kindSheet(wb: ExcelJS.Workbook, r: StandardsResult, k: KindResult): void {
  const ws = wb.addWorksheet(k.label);
  const inputs = inputColumns(k.key);
  const headers = [
    '机构编码',
    '机构名称',
    '单位类型',
    '数据年份',
    ...inputs.map((c) => c.header),
    '应配',
    '核定（事业编制）',
    '其中周转池',
    '实有',
    '缺配',
    '超配',
    '计算过程',
  ];
  ws.columns = headers.map((h, i) => ({ width: i === 1 ? 30 : h === '计算过程' ? 48 : 12 }));
  const span = headers.length;
  const line = (text: string, font: Partial<ExcelJS.Font> = FONT) => {
    const row = ws.addRow([neutralizeCellText(text)]);
    ws.mergeCells(row.number, 1, row.number, span);
    row.getCell(1).font = font;
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
  };
  line(`${r.regionName}${r.year}年${k.label}编制标准测算${r.whatIf ? '（模拟测算，未保存）' : ''}`, TITLE);
  if (!k.applied) {
    line(`${r.standardsOn} 无有效的${k.label}编制标准，未测算`);
    return;
  }
  const s = k.applied.standard;
  line(
    `标准：${s.name}（${k.applied.origin === 'region' ? `本地第${s.version}版` : '国家标准'}）${k.applied.overridden ? '（模拟调整）' : ''}`,
  );
  line(`依据：${s.sourceDocument}；有效期 ${s.validFrom} 至 ${s.validTo ?? '今'}`);
  line(`规则：${describeRule(s)}；核定、实有截至 ${r.asOf}`);
  const header = ws.addRow(headers);
  header.eachCell(styleHeaderCell);
  for (const u of k.rows) {
    const row = ws.addRow(
      safeRow([
        u.code,
        u.name,
        u.unitType,
        u.inputs.year,
        ...inputs.map((c) => c.value(u)),
        u.requirement,
        u.approved,
        u.approvedPool,
        u.actual,
        u.shortfall,
        u.surplus,
        u.formula,
      ]),
    );
    row.eachCell({ includeEmpty: true }, (c) => {
      c.font = FONT;
      c.border = BORDER;
    });
  }
  const t = k.totals;
  const blanks = inputs.map(() => null);
  const total = ws.addRow(
    safeRow([
      `合计（${t.units}个）`,
      null,
      null,
      null,
      ...blanks,
      t.requirement,
      t.approved,
      k.rows.reduce((n, u) => n + u.approvedPool, 0),
      t.actual,
      t.unitShortfall,
      t.unitSurplus,
      '各单位缺配、超配之和',
    ]),
  );
  const county = ws.addRow(
    safeRow([
      `${wholeRegion(r.regionName)}`,
      null,
      null,
      null,
      ...blanks,
      t.requirement,
      t.approved,
      null,
      null,
      t.shortfall,
      t.surplus,
      '缺配 = max(0, 应配合计 − 核定合计)：单位间可调剂',
    ]),
  );
  for (const row of [total, county]) row.eachCell({ includeEmpty: true }, styleTotalCell);
  ws.views = [{ state: 'frozen', ySplit: header.number }];
}

/** The workbook: a 说明 sheet with the sentences and notes, then one sheet per kind. */
export async function renderStandardsXlsx(r: StandardsResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '机构编制管理系统';
  wb.created = new Date();
  const info = wb.addWorksheet('说明');
  info.columns = [{ width: 110 }];
  const add = (text: string, font: Partial<ExcelJS.Font> = FONT) => {
    const row = info.addRow([neutralizeCellText(text)]);
    row.getCell(1).font = font;
    row.getCell(1).alignment = { wrapText: true };
  };
  add(`${r.regionName}${r.year}年编制标准测算${r.whatIf ? '（模拟测算，未保存）' : ''}`, TITLE);
  add(`核定、实有截至 ${r.asOf}；标准取 ${r.standardsOn} 有效者`);
  add('');
  for (const s of r.text) add(s);
  if (r.notes.length > 0) {
    add('');
    add('数据提示', BOLD);
    for (const n of r.notes) add(n);
  }
  for (const k of r.kinds) kindSheet(wb, r, k);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
