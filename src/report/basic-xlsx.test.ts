import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_PLACES, type BasicReport } from '../common/report-basic.ts';
import { figure } from '../domain/establishment/rules.ts';
import { renderBasicXlsx } from './basic-xlsx.ts';
import type { UnitReportRow } from './types.ts';

const VALUES: Record<string, number> = {
  partyGovernmentOrgans: 57,
  institutions: 40,
  // 经费形式 adds up to 事业单位 …
  instFullFunding: 30,
  instPartialFunding: 6,
  instSelfFunding: 4,
  adminQuota: 300,
  adminActual: 280,
  organLeadershipUnfilled: 5,
  contractActual: 9,
};

/** A made-up county; figures not set above take 100 + their place. */
function sampleReport(): BasicReport {
  const figures = BASIC_PLACES.filter((p) => p.kind === 'count').map((p) => ({
    key: p.key,
    label: p.label,
    value: VALUES[p.key] ?? 100 + p.place,
    definition: p.definition,
    drill: p.drill,
  }));
  return {
    regionCode: '640121',
    regionName: '永宁县',
    cityName: '银川市',
    asOf: '2024-06-30',
    figures,
    counties: [],
  };
}

const UNITS: UnitReportRow[] = [
  {
    unitId: 1,
    code: '001001',
    name: '中共永宁县委办公室',
    category: '党委工作机关',
    parentName: null,
    figures: { 行政编制: figure(12, 14, 1), 事业编制: null, 聘用编制: null },
    posts: { 正科: { approved: 1, filled: 1, unfilled: 0 }, 副科: { approved: 3, filled: 2, unfilled: 1 } },
  },
  {
    unitId: 2,
    code: '002003',
    name: '永宁县第一中学',
    category: '事业单位',
    parentName: '永宁县教育局',
    figures: { 行政编制: null, 事业编制: figure(120, 110, 6), 聘用编制: figure(4, 3, 0) },
    posts: { 正科: { approved: 1, filled: 0, unfilled: 1 }, 副科: null },
  },
];

const generatedAt = new Date('2024-07-01T01:30:00Z');
let dir = '';
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-xlsx-'));
  const path = join(dir, 'report.xlsx');
  await renderBasicXlsx({ report: sampleReport(), units: UNITS, generatedAt }, path);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The first row whose column A reads `label`, at or after `from`. */
function rowOf(ws: ExcelJS.Worksheet, label: string, from = 1): ExcelJS.Row {
  for (let r = from; r <= ws.rowCount; r++) {
    if (ws.getCell(r, 1).value === label) return ws.getRow(r);
  }
  throw new Error(`no row ${label} in ${ws.name}`);
}

/** A cell's number, or a formula's cached result. */
function val(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v !== null && typeof v === 'object' && 'formula' in v) return v.result;
  return v;
}

describe('renderBasicXlsx', () => {
  it('has the sheets of the 统计表 in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '机构设置',
      '事业单位',
      '编制',
      '教育卫生',
      '逐单位',
      '指标定义',
    ]);
    const notes = sheet('说明');
    expect(notes.getCell('A1').value).toBe('永宁县机构编制情况统计表');
    const texts = notes.getColumn(2).values.filter((v): v is string => typeof v === 'string');
    expect(texts).toContain('2024年6月30日（2024-06-30）');
    expect(texts).toContain('2024-07-01 09:30:00（北京时间）');
  });

  it('counts the organs and checks that the parts add up', () => {
    const ws = sheet('机构设置');
    const total = rowOf(ws, '党政机构合计');
    expect(total.getCell(2).value).toBe(57);
    expect(total.getCell(3).value).toBe(0);
    expect(total.getCell(2).numFmt).toBe('0');
    expect(rowOf(ws, '人大机关').getCell(2).value).toBe(105);
    const check = rowOf(ws, '分项合计');
    expect(val(check.getCell(2))).toBe(102 + 105 + 106 + 107 + 108 + 109 + 110);
    expect(String(val(check.getCell(4)))).toMatch(/^不等/);
    expect(check.getCell(4).font.color?.argb).toBe('FFFF0000');
    expect(rowOf(ws, '银川市委政府派出机构').getCell(2).value).toBe(112);
  });

  it('breaks down the institutions four ways, each with a check row', () => {
    const ws = sheet('事业单位');
    const funding = rowOf(ws, '二、按经费形式划分');
    const total = rowOf(ws, '事业单位合计', funding.number);
    expect(total.getCell(2).value).toBe(40);
    expect(rowOf(ws, '全额预算事业单位').getCell(2).value).toBe(30);
    const check = rowOf(ws, '分项合计', funding.number);
    expect(val(check.getCell(2))).toBe(40);
    expect(val(check.getCell(4))).toBe('相等');
    expect(check.getCell(4).font.bold).toBeFalsy();

    const types = rowOf(ws, '四、按单位类型划分');
    const typeCheck = rowOf(ws, '分项合计', types.number);
    expect(val(typeCheck.getCell(2))).toBe(131 + 132 + 133 + 134);
    // Unit types are not a partition: a difference is explained, not flagged.
    expect(String(val(typeCheck.getCell(4)))).toContain('不要求相等');
    expect(typeCheck.getCell(4).font.color?.argb).not.toBe('FFFF0000');
    const captions = ws.getColumn(1).values.filter((v) => typeof v === 'string' && /^[一二三四]、/.test(v));
    expect(captions).toHaveLength(4);
  });

  it('puts the quota figures in a matrix, with — where none is defined', () => {
    const ws = sheet('编制');
    const header = rowOf(ws, '编制类型');
    expect(header.getCell(2).value).toBe('核定');
    expect(header.getCell(8).value).toBe('科级领导未配');
    const admin = rowOf(ws, '行政编制');
    expect([2, 3, 8].map((c) => admin.getCell(c).value)).toEqual([300, 280, 5]);
    const contract = rowOf(ws, '聘用编制');
    expect(contract.getCell(3).value).toBe(9);
    expect(contract.getCell(5).value).toBe('—');
    const total = rowOf(ws, '合计');
    expect(total.getCell(2).value).toBe(136);
    expect(total.getCell(7).value).toBe(144);
    expect(ws.pageSetup.orientation).toBe('landscape');

    const sectors = sheet('教育卫生');
    expect(rowOf(sectors, '中小学').getCell(2).value).toBe(159);
    expect(rowOf(sectors, '幼儿园').getCell(4).value).toBe('—');
    expect(rowOf(sectors, '卫生系统').getCell(6).value).toBe(171);
  });

  it('lists every unit with a two-level header and 超编 in red', () => {
    const ws = sheet('逐单位');
    expect(ws.getCell('A1').value).toBe('机构编码');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('E1').value).toBe('行政编制');
    expect(ws.getCell('J1').value).toBe('行政编制'); // merged over its six columns
    expect(ws.getCell('K1').value).toBe('事业编制');
    expect(ws.getCell('W1').value).toBe('正科职数');
    expect(ws.getCell('H2').value).toBe('超编');
    expect(ws.getCell('AB2').value).toBe('未配');
    expect(ws.getCell('A1').font.bold).toBe(true);

    expect(ws.getCell('A3').value).toBe('001001');
    expect(ws.getCell('D3').value).toBeNull();
    expect(ws.getCell('E3').value).toBe(12);
    expect(ws.getCell('F3').value).toBe(14);
    const over = ws.getCell('H3');
    expect(over.value).toBe(2);
    expect(over.font.color?.argb).toBe('FFFF0000');
    expect(over.font.bold).toBe(true);
    expect(ws.getCell('K3').value).toBeNull();

    expect(ws.getCell('D4').value).toBe('永宁县教育局');
    expect(ws.getCell('K4').value).toBe(120);
    expect(ws.getCell('P4').value).toBe(4); // 实际空编 120 − 110 − 6
    const notOver = ws.getCell('N4');
    expect(notOver.value).toBe(0);
    expect(notOver.font.color?.argb).not.toBe('FFFF0000');
    expect(ws.getCell('W4').value).toBe(1);
    expect(ws.getCell('Y4').value).toBe(1);
    expect(ws.getCell('Z4').value).toBeNull();

    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
  });

  it('defines every figure, in Chinese only', () => {
    const ws = sheet('指标定义');
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(1, c).value)).toEqual([
      '序号',
      '指标',
      '数值',
      '定义',
      null,
    ]);
    expect(ws.rowCount).toBe(1 + BASIC_PLACES.length);
    const first = ws.getRow(2);
    expect([1, 2, 3].map((c) => first.getCell(c).value)).toEqual([0, '党政机构', 57]);
    expect(ws.getRow(3).getCell(3).value).toBe('永宁县');
    const last = ws.getRow(1 + BASIC_PLACES.length);
    expect(String(last.getCell(4).value)).toContain('实际空编');
    // No code key (camelCase) anywhere a reader sees.
    ws.eachRow((row) => {
      row.eachCell((cell) => expect(String(cell.value)).not.toMatch(/^[a-z]+[A-Z][A-Za-z]*$/));
    });
  });

  it('writes to a stream and ends it', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => stream.on('end', resolve));
    await renderBasicXlsx({ report: sampleReport(), units: [] }, stream);
    await ended;
    const again = new ExcelJS.Workbook();
    await again.xlsx.read(Readable.from([Buffer.concat(chunks)]));
    expect(again.getWorksheet('逐单位')?.getCell('A1').value).toBe('机构编码');
  });
});
