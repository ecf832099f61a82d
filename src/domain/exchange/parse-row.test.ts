import { describe, expect, it } from 'vitest';
import { checkIdNumber, detectExcelNumberId } from '../../common/codes/id-card.ts';
import { checkUscc } from '../../common/codes/uscc.ts';
import {
  MAX_CELL_CHARS,
  MAX_LONG_CELL_CHARS,
  type PersonRow,
  type TableName,
  type UnitRow,
} from '../../common/exchange.ts';
import { parseRow, rowKey } from './parse-row.ts';
import type { CellValue, RawRow } from './sources.ts';

// Valid codes (check characters computed with the GB 11643 / GB 32100 algorithms).
const ID = '450102199001011231';
const ID_X = '11010519491231002X';
const USCC = '12450102MB1234562P';

function raw(cells: Record<string, CellValue>, rowNumber = 2): RawRow {
  return { rowNumber, cells };
}

function reasons(table: TableName, cells: Record<string, CellValue>, rowNumber = 2): string[] {
  return parseRow(table, raw(cells, rowNumber)).errors.map(
    (e) => `${e.table} 第${e.row}行 ${e.column}: ${e.reason}`,
  );
}

const UNIT: Record<string, CellValue> = {
  行政区划代码: '450102',
  机构编码: 'S001',
  机构名称: '南宁市兴宁区第一中学',
  上级机构编码: 'J010',
  机构类别: '事业单位',
  机构规格: '正科',
  隶属关系: '部门所属',
  占直属限额: '是',
  经费形式: '全额拨款',
  单位类型: '中小学',
  所属系统: '教育',
  是否法人: '是',
  统一社会信用代码: USCC,
  加挂牌子: ' 兴宁区教师进修学校；；兴宁区教研室 ',
  成立日期: '1998-09-01',
  撤销日期: null,
};

const PERSON: Record<string, CellValue> = {
  身份证号: ID,
  姓名: '张三',
  行政区划代码: '450102',
  机构编码: 'S001',
  编制类型: '事业编制',
  人员状态: '在编',
  入编方式: '招聘',
  领导职务: null,
  入编日期: '2015-08-01',
  出编日期: null,
};

describe('parseRow 机构', () => {
  it('turns a valid row into a UnitRow', () => {
    expect(parseRow('机构', raw(UNIT))).toEqual({
      row: {
        regionCode: '450102',
        code: 'S001',
        name: '南宁市兴宁区第一中学',
        parentCode: 'J010',
        category: '事业单位',
        rank: '正科',
        affiliation: '部门所属',
        countsTowardDirectLimit: true,
        funding: '全额拨款',
        type: '中小学',
        sector: '教育',
        legalPerson: true,
        uscc: USCC,
        plaques: ['兴宁区教师进修学校', '兴宁区教研室'],
        foundedOn: '1998-09-01',
        abolishedOn: null,
      },
      errors: [],
      warnings: [],
    });
  });

  it('reports every error of the row, not only the first', () => {
    const result = parseRow(
      '机构',
      raw(
        {
          ...UNIT,
          机构名称: '  ',
          机构类别: '机关',
          成立日期: '2023-02-30',
          撤销日期: '2023/1/5',
          是否法人: '对',
        },
        7,
      ),
    );
    expect(result.row).toBeNull();
    expect(result.errors).toEqual([
      { table: '机构', row: 7, column: '机构名称', reason: '不能为空' },
      {
        table: '机构',
        row: 7,
        column: '机构类别',
        reason:
          '“机关”不是有效的机构类别，应为：纪检监察机关、党委工作机关、人大机关、政府工作部门、政协机关、群众团体、乡镇、街道、派出机构、事业单位、内设机构',
      },
      { table: '机构', row: 7, column: '成立日期', reason: '日期不存在' },
      { table: '机构', row: 7, column: '撤销日期', reason: '日期格式应为 YYYY-MM-DD' },
      { table: '机构', row: 7, column: '是否法人', reason: '应为“是”或“否”' },
    ]);
  });

  it('keeps the 事业单位-only columns to 事业单位', () => {
    expect(
      reasons('机构', { ...UNIT, 机构类别: '政府工作部门', 机构规格: null, 单位类型: null, 所属系统: null }),
    ).toEqual([
      '机构 第2行 隶属关系: 仅事业单位填写',
      '机构 第2行 占直属限额: 仅事业单位填写',
      '机构 第2行 经费形式: 仅事业单位填写',
    ]);
    // A misplaced value is not also reported as malformed.
    expect(
      reasons('机构', { ...UNIT, 机构类别: '乡镇', 隶属关系: null, 占直属限额: 'x', 经费形式: null }),
    ).toEqual(['机构 第2行 占直属限额: 仅事业单位填写']);
    expect(reasons('机构', { ...UNIT, 机构规格: null })).toEqual(['机构 第2行 机构规格: 事业单位必须填写']);
  });

  it('accepts an organ without the 事业单位 columns and leaves 单位类型 and 所属系统 to the caller', () => {
    const { row, errors } = parseRow('机构', {
      rowNumber: 3,
      cells: { 行政区划代码: 450102, 机构编码: 'J010', 机构名称: '兴宁区教育局', 机构类别: '政府工作部门' },
    });
    expect(errors).toEqual([]);
    expect(row).toMatchObject({
      regionCode: '450102',
      rank: null,
      affiliation: null,
      countsTowardDirectLimit: null,
      type: null,
      sector: null,
      legalPerson: null,
      uscc: null,
      plaques: [],
      foundedOn: null,
    });
  });

  it('checks dates, codes and enumerations', () => {
    expect(
      reasons('机构', {
        ...UNIT,
        行政区划代码: '4501',
        机构规格: '处级',
        经费形式: '财政拨款',
        成立日期: '2020-05-01',
        撤销日期: '2020-04-30',
        统一社会信用代码: '12450102MB1234562Q',
      }),
    ).toEqual([
      '机构 第2行 行政区划代码: 应为六位数字',
      '机构 第2行 撤销日期: 不能早于成立日期',
      '机构 第2行 机构规格: “处级”不是有效的机构规格，应为：正科、副科、不定级',
      '机构 第2行 经费形式: “财政拨款”不是有效的经费形式，应为：全额拨款、差额拨款、自收自支',
      `机构 第2行 统一社会信用代码: ${failure(checkUscc('12450102MB1234562Q'))}`,
    ]);
  });

  it('stores the USCC upper-cased and accepts Excel booleans and date cells', () => {
    const { row, errors } = parseRow('机构', {
      rowNumber: 2,
      cells: {
        ...UNIT,
        统一社会信用代码: ` ${USCC.toLowerCase()} `,
        是否法人: false,
        成立日期: new Date(Date.UTC(2001, 0, 31)),
        撤销日期: new Date(Date.UTC(2023, 11, 1)),
      },
    });
    expect(errors).toEqual([]);
    expect(row).toMatchObject({
      uscc: USCC,
      legalPerson: false,
      foundedOn: '2001-01-31',
      abolishedOn: '2023-12-01',
    });
  });
});

function failure(result: { ok: true } | { ok: false; reason: string }): string {
  if (result.ok) throw new Error('expected the check to fail');
  return result.reason;
}

describe('parseRow 人员', () => {
  it('turns a valid row into a PersonRow, 领导职务 defaulting to 无', () => {
    expect(parseRow('人员', raw({ ...PERSON, 身份证号: ID_X.toLowerCase() })).row).toEqual({
      idNumber: ID_X,
      name: '张三',
      regionCode: '450102',
      unitCode: 'S001',
      quotaType: '事业编制',
      status: '在编',
      channel: '招聘',
      leadershipLevel: '无',
      enteredOn: '2015-08-01',
      leftOn: null,
    });
  });

  it('explains an ID number that Excel turned into a number', () => {
    const numeric = 450102199001011200;
    const reason = detectExcelNumberId(numeric);
    expect(reason).not.toBeNull();
    expect(reasons('人员', { ...PERSON, 身份证号: numeric })).toEqual([`人员 第2行 身份证号: ${reason}`]);
    expect(reasons('人员', { ...PERSON, 身份证号: '4.50102E+17' })).toEqual([
      `人员 第2行 身份证号: ${reason}`,
    ]);
  });

  it('accepts the GB 11643 specimen born in 1880 (plausibility is only a warning)', () => {
    expect(reasons('人员', { ...PERSON, 身份证号: '440524188001010014' })).toEqual([]);
    expect(parseRow('人员', raw({ ...PERSON, 身份证号: '440524188001010014' })).warnings).toEqual([
      { table: '人员', row: 2, column: '身份证号', reason: '出生于 1880 年，年龄超过 120 岁，请核对' },
    ]);
  });

  it('reports a wrong check character', () => {
    const wrong = '450102199001011232';
    expect(reasons('人员', { ...PERSON, 身份证号: wrong })).toEqual([
      `人员 第2行 身份证号: ${failure(checkIdNumber(wrong))}`,
    ]);
  });

  it('requires the dates the status calls for', () => {
    expect(reasons('人员', { ...PERSON, 入编日期: null })).toEqual([
      '人员 第2行 入编日期: 人员状态为“在编”时不能为空',
    ]);
    expect(reasons('人员', { ...PERSON, 出编日期: 'abc' })).toEqual([
      '人员 第2行 出编日期: 仅人员状态为“已出编”时填写',
    ]);
    expect(reasons('人员', { ...PERSON, 人员状态: '已出编' })).toEqual([
      '人员 第2行 出编日期: 人员状态为“已出编”时不能为空',
    ]);
    expect(
      reasons('人员', { ...PERSON, 人员状态: '已出编', 入编日期: null, 出编日期: '2020-01-01' }),
    ).toEqual(['人员 第2行 入编日期: 人员状态为“已出编”时不能为空']);
    expect(reasons('人员', { ...PERSON, 人员状态: '已出编', 出编日期: '2015-07-31' })).toEqual([
      '人员 第2行 出编日期: 不能早于入编日期',
    ]);
    expect(parseRow('人员', raw({ ...PERSON, 人员状态: '待入编', 入编日期: null })).errors).toEqual([]);
    expect(
      parseRow('人员', raw({ ...PERSON, 人员状态: '已出编', 出编日期: '2015-08-01' })).row,
    ).toMatchObject({
      status: '已出编',
      enteredOn: '2015-08-01',
      leftOn: '2015-08-01',
    });
  });

  it('refuses a cell longer than its column allows, once, not again as empty', () => {
    const name = '张'.repeat(MAX_CELL_CHARS + 1);
    expect(reasons('人员', { ...PERSON, 姓名: name })).toEqual([
      `人员 第2行 姓名: 内容过长（${MAX_CELL_CHARS + 1} 字），至多 ${MAX_CELL_CHARS} 字`,
    ]);
    expect(parseRow('人员', raw({ ...PERSON, 姓名: '张'.repeat(MAX_CELL_CHARS) })).errors).toEqual([]);
    // Surrounding spaces are not counted; the long texts may hold more.
    expect(parseRow('人员', raw({ ...PERSON, 姓名: ` ${'张'.repeat(MAX_CELL_CHARS)} ` })).errors).toEqual([]);
    expect(
      parseRow('机构', raw({ ...UNIT, 职责任务: '负'.repeat(MAX_LONG_CELL_CHARS) })).row?.responsibilities,
    ).toHaveLength(MAX_LONG_CELL_CHARS);
    expect(reasons('机构', { ...UNIT, 职责任务: '负'.repeat(MAX_LONG_CELL_CHARS + 1) })).toEqual([
      `机构 第2行 职责任务: 内容过长（${MAX_LONG_CELL_CHARS + 1} 字），至多 ${MAX_LONG_CELL_CHARS} 字`,
    ]);
  });

  it('reports all empty required cells', () => {
    expect(reasons('人员', { 领导职务: '正科' }, 12)).toEqual([
      '人员 第12行 身份证号: 不能为空',
      '人员 第12行 姓名: 不能为空',
      '人员 第12行 行政区划代码: 不能为空',
      '人员 第12行 机构编码: 不能为空',
      '人员 第12行 编制类型: 不能为空',
      '人员 第12行 人员状态: 不能为空',
    ]);
  });
});

describe('parseRow counts, years and sources', () => {
  const QUOTA = {
    行政区划代码: '450102',
    机构编码: 'S001',
    编制类型: '事业编制',
    核定数: '12',
    来源: null,
    生效日期: '2024-01-01',
  };

  it('turns a valid row into a QuotaRow', () => {
    expect(parseRow('编制', raw({ ...QUOTA, 来源: '周转池', 核定数: 3 })).row).toEqual({
      regionCode: '450102',
      unitCode: 'S001',
      quotaType: '事业编制',
      approved: 3,
      source: '周转池',
      effectiveFrom: '2024-01-01',
    });
    expect(parseRow('编制', raw(QUOTA)).row).toMatchObject({ approved: 12, source: '' });
  });

  it('accepts only whole numbers from 0 up', () => {
    for (const bad of ['3.5', '-1', 3.5, -1, '1,000', 'abc', new Date(0)]) {
      expect(reasons('编制', { ...QUOTA, 核定数: bad })).toEqual(['编制 第2行 核定数: 应为不小于 0 的整数']);
    }
    expect(parseRow('编制', raw({ ...QUOTA, 核定数: '0' })).row).toMatchObject({ approved: 0 });
  });

  it('rejects an unknown source', () => {
    expect(reasons('编制', { ...QUOTA, 来源: '借用' })).toEqual([
      '编制 第2行 来源: “借用”不是有效的来源，应为：周转池，或留空',
    ]);
  });

  it('accepts years 1949–2100 only', () => {
    const population = { 行政区划代码: '450102', 机构编码: null, 年份: '2023', 常住人口: 412000 };
    expect(parseRow('人口', raw(population)).row).toEqual({
      regionCode: '450102',
      unitCode: null,
      year: 2023,
      population: 412000,
    });
    for (const bad of [
      '23',
      1948,
      '2101',
      '2023.0',
      '02023',
      2023.5,
      '二〇二三',
      new Date(Date.UTC(2023, 0, 1)),
    ]) {
      expect(reasons('人口', { ...population, 年份: bad })).toEqual([
        '人口 第2行 年份: 应为 1949–2100 之间的四位年份',
      ]);
    }
  });

  it('leaves student numbers empty when not given', () => {
    const students = {
      行政区划代码: '450102',
      机构编码: 'S001',
      年份: 2024,
      高中: '1200',
      初中: null,
      小学: 0,
      在园幼儿: null,
    };
    expect(parseRow('学生数', raw(students)).row).toEqual({
      regionCode: '450102',
      unitCode: 'S001',
      year: 2024,
      senior: 1200,
      junior: null,
      primary: 0,
      preschool: null,
    });
    expect(reasons('学生数', { ...students, 初中: '-5' })).toEqual([
      '学生数 第2行 初中: 应为不小于 0 的整数',
    ]);
  });

  it('parses 地区 and 领导职数', () => {
    expect(parseRow('地区', raw({ 行政区划代码: '450102', 名称: '兴宁区', 上级代码: '450100' })).row).toEqual(
      {
        code: '450102',
        name: '兴宁区',
        parentCode: '450100',
      },
    );
    expect(reasons('地区', { 行政区划代码: '450102', 名称: '兴宁区', 上级代码: '4501000' })).toEqual([
      '地区 第2行 上级代码: 应为六位数字',
    ]);
    expect(
      reasons('领导职数', {
        行政区划代码: '450102',
        机构编码: 'J010',
        职级: '处级',
        核定数: 1,
        生效日期: '2024-13-01',
      }),
    ).toEqual([
      '领导职数 第2行 职级: “处级”不是有效的职级，应为：正科、副科',
      '领导职数 第2行 生效日期: 日期不存在',
    ]);
  });
});

describe('rowKey', () => {
  it('gives equal keys to rows with equal ★ columns only', () => {
    const quota = parseRow(
      '编制',
      raw({
        行政区划代码: '450102',
        机构编码: 'S001',
        编制类型: '事业编制',
        核定数: 5,
        生效日期: '2024-01-01',
      }),
    ).row;
    const pool = parseRow(
      '编制',
      raw({
        行政区划代码: '450102',
        机构编码: 'S001',
        编制类型: '事业编制',
        核定数: 9,
        来源: '周转池',
        生效日期: '2024-01-01',
      }),
    ).row;
    if (quota === null || pool === null) throw new Error('rows expected');
    expect(rowKey('编制', quota)).toBe('["450102","S001","事业编制","","2024-01-01"]');
    expect(rowKey('编制', { ...quota, approved: 99 })).toBe(rowKey('编制', quota));
    expect(rowKey('编制', pool)).not.toBe(rowKey('编制', quota));
    expect(rowKey('人员', { ...PERSON_ROW, name: '李四' })).toBe(`["${ID}"]`);
    expect(rowKey('人口', { regionCode: '450102', unitCode: null, year: 2023, population: 1 })).toBe(
      '["450102","",2023]',
    );
    expect(rowKey('机构', { ...UNIT_ROW, name: '改名' })).toBe('["450102","S001"]');
  });
});

const PERSON_ROW: PersonRow = {
  idNumber: ID,
  name: '张三',
  regionCode: '450102',
  unitCode: 'S001',
  quotaType: '事业编制',
  status: '在编',
  channel: null,
  leadershipLevel: '无',
  enteredOn: '2015-08-01',
  leftOn: null,
};

const UNIT_ROW: UnitRow = {
  regionCode: '450102',
  code: 'S001',
  name: '兴宁区第一中学',
  parentCode: null,
  category: '事业单位',
  rank: '正科',
  affiliation: null,
  countsTowardDirectLimit: null,
  funding: null,
  type: null,
  sector: null,
  legalPerson: null,
  uscc: null,
  plaques: [],
  foundedOn: null,
  abolishedOn: null,
};
