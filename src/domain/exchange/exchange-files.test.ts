import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectExcelNumberId } from '../../common/codes/id-card.ts';
import {
  MAX_CSV_RECORD_CHARS,
  TABLE_COLUMNS,
  formatRowError,
  type ExchangeData,
  type PersonRow,
  type TableName,
} from '../../common/exchange.ts';
import { parseRow, type ExchangeRow } from './parse-row.ts';
import {
  csvRecords,
  hasValue,
  lineHasValue,
  openSources,
  parsedCsvRecords,
  plainCsvLayout,
  type CsvRecord,
  type OpenOptions,
  type RawRow,
  type SheetSource,
} from './sources.ts';
import { formatRow, writeExchange } from './write.ts';

const ID = '450102199001011231';
const ID_X = '11010519491231002X';
const USCC = '12450102MB1234562P';

const DATA: ExchangeData = {
  地区: [
    { code: '450100', name: '南宁市', parentCode: null },
    { code: '450102', name: '兴宁区', parentCode: '450100' },
  ],
  人口: [
    { regionCode: '450102', unitCode: null, year: 2023, population: 412000 },
    { regionCode: '450102', unitCode: '010', year: 2023, population: 35210 },
  ],
  机构: [
    {
      regionCode: '450102',
      code: '001',
      name: '兴宁区教育局',
      parentCode: null,
      category: '政府工作部门',
      rank: '正科',
      affiliation: null,
      countsTowardDirectLimit: null,
      funding: null,
      type: null,
      sector: null,
      legalPerson: true,
      uscc: null,
      plaques: [],
      foundedOn: '1984-01-01',
      abolishedOn: null,
      responsibilities: '负责全区教育工作；统筹学校布局',
      sandingDocNo: '兴编发〔2019〕5号',
      sandingDate: '2019-05-01',
    },
    {
      regionCode: '450102',
      code: '001002',
      name: '兴宁区第一中学, "老一中"\n（本部）',
      parentCode: '001',
      category: '事业单位',
      rank: '副科',
      affiliation: '部门所属',
      countsTowardDirectLimit: false,
      funding: '全额拨款',
      type: '中小学',
      sector: '教育',
      legalPerson: true,
      uscc: USCC,
      plaques: ['兴宁区教师进修学校', '兴宁区教研室'],
      foundedOn: '1998-09-01',
      abolishedOn: '2024-12-31',
      responsibilities: null,
      sandingDocNo: null,
      sandingDate: null,
    },
  ],
  编制: [
    {
      regionCode: '450102',
      unitCode: '001002',
      quotaType: '事业编制',
      approved: 120,
      source: '',
      effectiveFrom: '2024-01-01',
    },
    {
      regionCode: '450102',
      unitCode: '001002',
      quotaType: '事业编制',
      approved: 0,
      source: '周转池',
      effectiveFrom: '2024-01-01',
    },
  ],
  领导职数: [
    { regionCode: '450102', unitCode: '001', level: '副科', approved: 3, effectiveFrom: '2022-03-15' },
  ],
  人员: [
    {
      idNumber: ID,
      name: '张三',
      regionCode: '450102',
      unitCode: '001002',
      quotaType: '事业编制',
      status: '在编',
      channel: '招聘',
      leadershipLevel: '无',
      enteredOn: '2015-08-01',
      leftOn: null,
    },
    {
      idNumber: ID_X,
      name: '李四',
      regionCode: '450102',
      unitCode: '001',
      quotaType: '行政编制',
      status: '已出编',
      channel: null,
      leadershipLevel: '正科',
      enteredOn: '1970-01-01',
      leftOn: '2009-12-31',
    },
  ],
  学生数: [
    {
      regionCode: '450102',
      unitCode: '001002',
      year: 2024,
      senior: 1500,
      junior: null,
      primary: 0,
      preschool: null,
    },
  ],
  历史事项: [
    {
      regionCode: '450102',
      docNo: '兴编发〔2015〕3号',
      date: '2015-03-01',
      unitCode: '001002',
      unitName: '兴宁区第一中学',
      kind: '核增编制',
      quotaType: '事业编制',
      amount: 5,
      channel: null,
      note: null,
    },
  ],
  机构沿革: [
    {
      regionCode: '450102',
      unitCode: '001002',
      validFrom: '2010-01-01',
      docNo: '兴编发〔2010〕1号',
      changeKind: '更名',
      name: '兴宁区一中',
      parentCode: null,
      category: '事业单位',
      rank: '正科',
      affiliation: '部门所属',
      funding: '全额拨款',
      type: '中小学',
      sector: '教育',
    },
  ],
  事业单位登记: [
    {
      regionCode: '450102',
      unitCode: '001002',
      name: '兴宁区第一中学',
      otherNames: ['兴宁区实验学校'],
      purpose: '实施高中学历教育',
      address: '兴宁区民主路 1 号',
      legalRep: '李某',
      capital: '120.5',
      fundingSource: '财政补助',
      sponsor: '兴宁区教育局',
      sponsorUnitCode: null,
      uscc: USCC,
      state: '登记',
      registeredOn: '2020-03-01',
      cancelledOn: null,
      certificateNo: '事证第145010200001号',
      issuedOn: '2023-03-01',
      validUntil: '2028-02-29',
    },
  ],
  中文域名: [
    {
      regionCode: '450102',
      unitCode: '001002',
      name: '兴宁区第一中学.公益',
      state: '注册',
      registeredOn: '2020-01-01',
      expiresOn: '2030-01-01',
      annualFee: '280',
    },
  ],
};

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-exchange-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(source: SheetSource): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of source.rows()) rows.push(row);
  return rows;
}

/** Opens the paths and parses every row; fails on any error. */
async function readBack(
  paths: string[],
  opts: OpenOptions = {},
): Promise<Partial<Record<TableName, unknown[]>>> {
  const { sources, errors } = await openSources(paths, opts);
  expect(errors.map(formatRowError)).toEqual([]);
  const result: Partial<Record<TableName, unknown[]>> = {};
  for (const source of sources) {
    const rows: unknown[] = [];
    for (const raw of await collect(source)) {
      const parsed = parseRow(source.table, raw);
      expect(parsed.errors.map(formatRowError)).toEqual([]);
      rows.push(parsed.row);
    }
    expect(await source.countRows()).toBe(rows.length);
    result[source.table] = rows;
  }
  return result;
}

async function openErrors(paths: string[], opts: OpenOptions = {}): Promise<string[]> {
  return (await openSources(paths, opts)).errors.map(formatRowError);
}

async function writeCsv(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text, 'utf8');
  return file;
}

describe('round trip', () => {
  it('reads back an .xlsx export as the identical rows', async () => {
    const out = join(dir, '导出.xlsx');
    await writeExchange(out, DATA);
    expect(await readBack([out])).toEqual(DATA);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      '地区',
      '人口',
      '机构',
      '编制',
      '领导职数',
      '人员',
      '学生数',
      '历史事项',
      '机构沿革',
      '事业单位登记',
      '中文域名',
    ]);
    const people = workbook.getWorksheet('人员');
    if (people === undefined) throw new Error('sheet 人员 expected');
    expect(people.getCell('A2').value).toBe(ID);
    expect(people.getCell('A2').numFmt).toBe('@');
    expect(people.getCell('I2').value).toBe('2015-08-01');
    expect(people.getCell('A1').font).toMatchObject({ bold: true });
    expect(people.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(people.getColumn(1).width).toBeGreaterThanOrEqual(20);
    const units = workbook.getWorksheet('机构');
    expect(units?.getCell('B2').value).toBe('001');
    expect(units?.getCell('H3').value).toBe('否');
  });

  it('reads back a csv export as the identical rows', async () => {
    const out = join(dir, 'csv');
    await writeExchange(out, DATA);
    expect(await readBack([out])).toEqual(DATA);
    const bytes = await readFile(join(out, '机构.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith(`\uFEFF${TABLE_COLUMNS.机构.join(',')}\r\n`)).toBe(true);
    expect(text).toContain(
      '450102,001002,"兴宁区第一中学, ""老一中""\n（本部）",001,事业单位,副科,部门所属,否,全额拨款,中小学,教育,是,12450102MB1234562P,兴宁区教师进修学校；兴宁区教研室,1998-09-01,2024-12-31,,,\r\n',
    );
  });

  it('writes only the tables given', async () => {
    const out = join(dir, 'part');
    await writeExchange(out, { 领导职数: DATA.领导职数 });
    const { sources } = await openSources([out], {});
    expect(sources.map((s) => s.table)).toEqual(['领导职数']);
  });

  it('formats a row as the cell texts of its table', () => {
    expect(formatRow('学生数', DATA.学生数[0] as ExchangeRow<'学生数'>)).toEqual({
      行政区划代码: '450102',
      机构编码: '001002',
      年份: '2024',
      高中: '1500',
      初中: '',
      小学: '0',
      在园幼儿: '',
    });
  });
});

describe('streaming', () => {
  const COUNT = 3000;

  function person(i: number): PersonRow {
    // Long Chinese texts, so that many zip chunk boundaries fall inside a character.
    return {
      ...(DATA.人员[0] as PersonRow),
      name: `第${i}号测试人员${'某'.repeat(i % 50)}`,
      unitCode: `兴宁区单位${i % 37}`,
    };
  }

  async function* people(): AsyncGenerator<PersonRow> {
    for (let i = 0; i < COUNT; i += 1) yield person(i);
  }

  it('writes and reads a 3,000-row sheet between other sheets', async () => {
    const out = join(dir, 'big.xlsx');
    await writeExchange(out, { 地区: DATA.地区, 人员: people(), 学生数: DATA.学生数 });
    const { sources, errors } = await openSources([out], {});
    expect(errors).toEqual([]);
    const source = sources.find((s) => s.table === '人员');
    if (source === undefined) throw new Error('source 人员 expected');
    expect(await source.countRows()).toBe(COUNT);
    // Without empty rows the row elements after the header are exactly the data rows.
    expect(await source.estimateRows()).toBe(COUNT);
    const rows = await collect(source);
    expect(rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 2));
    // Every Chinese character intact, wherever the zip chunks happen to split it.
    const parsed = rows.map((r) => parseRow('人员', r).row);
    expect(parsed).toEqual(Array.from({ length: COUNT }, (_, i) => person(i)));
    expect(await readBack([out])).toEqual({ 地区: DATA.地区, 人员: parsed, 学生数: DATA.学生数 });
  });
});

describe('failures while writing', () => {
  async function* failing(): AsyncGenerator<PersonRow> {
    for (let i = 0; i < 2500; i += 1) yield DATA.人员[0] as PersonRow;
    throw new Error('数据库连接中断');
  }

  it('removes the half-written workbook or csv file', async () => {
    const out = join(dir, 'x.xlsx');
    await expect(writeExchange(out, { 地区: DATA.地区, 人员: failing() })).rejects.toThrow('数据库连接中断');
    await expect(stat(out)).rejects.toThrow();
    const csv = join(dir, 'csv');
    await expect(writeExchange(csv, { 地区: DATA.地区, 人员: failing() })).rejects.toThrow('数据库连接中断');
    expect(await readdir(csv)).toEqual(['地区.csv']);
  });
});

describe('workbooks made in Excel', () => {
  const HEADER = TABLE_COLUMNS.人员;

  async function excelWorkbook(fill: (ws: ExcelJS.Worksheet) => void, name = '人员'): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet(name);
    ws.addRow([...HEADER]);
    fill(ws);
    const file = join(dir, 'excel.xlsx');
    await workbook.xlsx.writeFile(file);
    return file;
  }

  it('reduces number, date, rich text and formula cells and explains a numeric ID', async () => {
    // What Excel keeps of 450102199001011231 typed into a General cell.
    const numericId = Number(ID);
    const file = await excelWorkbook((ws) => {
      ws.addRow([
        ID,
        { richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] },
        450102,
        { formula: '"001"&"002"', result: '001002' },
        '事业编制',
        '在编',
        '招聘',
        null,
        new Date(Date.UTC(2015, 7, 1)),
        null,
      ]);
      ws.addRow([]);
      ws.addRow([numericId, '李四', '450102', '001', '行政编制', '在编', null, null, '2001-02-03', null]);
    });
    const { sources, errors } = await openSources([file], {});
    expect(errors).toEqual([]);
    const [source] = sources;
    if (source === undefined) throw new Error('one source expected');
    expect(await source.countRows()).toBe(2);
    const rows = await collect(source);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 4]);
    expect(rows[0]?.cells).toEqual({
      身份证号: ID,
      姓名: '张三',
      行政区划代码: 450102,
      机构编码: '001002',
      编制类型: '事业编制',
      人员状态: '在编',
      入编方式: '招聘',
      领导职务: null,
      入编日期: new Date(Date.UTC(2015, 7, 1)),
      出编日期: null,
    });
    expect(parseRow('人员', rows[0] as RawRow).row).toEqual({ ...DATA.人员[0], unitCode: '001002' });
    const reason = detectExcelNumberId(numericId);
    expect(reason).not.toBeNull();
    expect(parseRow('人员', rows[1] as RawRow).errors).toEqual([
      { table: '人员', row: 4, column: '身份证号', reason },
    ]);
  });

  it('keeps Chinese text from shared strings intact', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `共享字符串中的姓名第${i}号`);
    const file = await excelWorkbook((ws) => {
      for (const name of names) ws.addRow([ID, name, '450102', '单位', '事业编制', '待入编']);
    });
    const [source] = (await openSources([file], {})).sources;
    if (source === undefined) throw new Error('one source expected');
    expect((await collect(source)).map((r) => r.cells.姓名)).toEqual(names);
  });

  it('rejects a sheet that is not a table, an empty sheet and a broken file', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['x']);
    workbook.addWorksheet('编制');
    const file = join(dir, 'book.xlsx');
    await workbook.xlsx.writeFile(file);
    const broken = await writeCsv('broken.xlsx', 'not a zip');
    expect(await openErrors([file, broken])).toEqual([
      'book.xlsx: 工作表“Sheet1”不是已知的表名，应为：地区、人口、机构、编制、领导职数、人员、学生数、历史事项、机构沿革、事业单位登记、中文域名',
      '编制: 第1行应为表头（列名），但为空',
      expect.stringMatching(/^broken\.xlsx: 不是有效的 \.xlsx 文件（.+）$/),
    ]);
  });
});

describe('headers', () => {
  const QUOTA_HEADER = '生效日期,来源,核定数,编制类型,机构编码,行政区划代码';

  it('takes the columns in any order', async () => {
    const file = await writeCsv('编制.csv', `${QUOTA_HEADER}\n2024-01-01,,120,事业编制,001002,450102\n`);
    expect(await readBack([file])).toEqual({ 编制: [DATA.编制[0]] });
  });

  it('reports missing, duplicated and unknown columns', async () => {
    const file = await writeCsv('编制.csv', '行政区划代码,机构编码,编制类型,编制类型,生效日期,备注,核定数\n');
    expect(await openErrors([file])).toEqual([
      '编制 编制类型: 列名重复',
      '编制 备注: 未知的列，编制表的列为：行政区划代码、机构编码、编制类型、核定数、来源、生效日期',
      '编制 来源: 缺少该列',
    ]);
    // The sheet is still read (one check reports its rows' errors too), without the missing column.
    const sources = (await openSources([file], {})).sources;
    expect(sources.map((s) => [s.table, s.missingColumns])).toEqual([['编制', ['来源']]]);
  });

  it('drops extra columns when told to', async () => {
    const file = await writeCsv(
      '领导职数.csv',
      '行政区划代码,机构编码,备注,职级,核定数,生效日期\n450102,001,说明,副科,3,2022-03-15\n',
    );
    const { sources, errors } = await openSources([file], { ignoreExtraColumns: true });
    expect(errors).toEqual([]);
    const rows = sources[0] === undefined ? [] : await collect(sources[0]);
    expect(rows).toEqual([
      {
        rowNumber: 2,
        cells: { 行政区划代码: '450102', 机构编码: '001', 职级: '副科', 核定数: '3', 生效日期: '2022-03-15' },
      },
    ]);
    expect(await openErrors([file])).toEqual([
      '领导职数 备注: 未知的列，领导职数表的列为：行政区划代码、机构编码、职级、核定数、生效日期',
    ]);
  });

  it('reads csv without BOM, with LF, quoted fields and empty lines, numbering rows as Excel does', async () => {
    const file = await writeCsv(
      '地区.csv',
      '行政区划代码,名称,上级代码\n450100,"南宁市,""首府""\n新区",\n\n,,\n450102,兴宁区,450100',
    );
    const [source] = (await openSources([file], {})).sources;
    if (source === undefined) throw new Error('one source expected');
    expect(await source.countRows()).toBe(2);
    expect(await collect(source)).toEqual([
      { rowNumber: 2, cells: { 行政区划代码: '450100', 名称: '南宁市,"首府"\n新区', 上级代码: null } },
      { rowNumber: 5, cells: { 行政区划代码: '450102', 名称: '兴宁区', 上级代码: '450100' } },
    ]);
  });

  it('reads csv with BOM', async () => {
    const file = await writeCsv('地区.csv', '\uFEFF行政区划代码,名称,上级代码\r\n450102,兴宁区,450100\r\n');
    expect(await readBack([file])).toEqual({ 地区: [DATA.地区[1]] });
  });

  it('explains a GBK csv and a broken quote', async () => {
    const gbk = join(dir, '地区.csv');
    await writeFile(gbk, Buffer.from('d0d0d5fec7f8bbaeb4fac2eb2cc3fbb3c62cc9cfbcb6b4fac2eb0d0a', 'hex'));
    expect(await openErrors([gbk])).toEqual(['地区: 文件不是 UTF-8 编码，请另存为“CSV UTF-8（逗号分隔）”']);
    const quote = await writeCsv('人口.csv', '行政区划代码,机构编码,年份,常住人口\n450102,"001,2023,1\n');
    expect(await openErrors([quote])).toEqual(['人口: CSV 格式错误：第2行附近引号未闭合']);
  });
});

describe('the plain csv reader', () => {
  const all = async (records: AsyncIterable<CsvRecord>): Promise<CsvRecord[]> => {
    const out: CsvRecord[] = [];
    for await (const r of records) out.push(r);
    return out;
  };

  it('gives exactly what csv-parse gives for files without quotes and with one kind of line break', async () => {
    // Long enough to cross the reader's 1 MB chunks (multi-byte characters cut by them).
    const long = Array.from(
      { length: 90_000 },
      (_, i) => `${i},张${'三'.repeat(i % 7)},,${i % 3 ? 'x' : ''}`,
    );
    const cases: [string, string, '\n' | '\r\n'][] = [
      ['lf', '行政区划代码,名称,上级代码\n450100,南宁市,\n\n,,\n450102,兴宁区,450100', '\n'],
      ['lf-end', '\uFEFF行政区划代码,名称\n450102,兴宁区\n', '\n'],
      ['crlf', '\uFEFF行政区划代码,名称,上级代码\r\n450102,兴宁区,450100\r\n\r\n,a,b,c,d\r\n', '\r\n'],
      ['blank-end', 'a,b\n1,2\n\n', '\n'],
      ['one', 'a', '\n'],
      ['empty', '', '\n'],
      ['long-lf', `${long.join('\n')}\n`, '\n'],
      ['long-crlf', long.join('\r\n'), '\r\n'],
    ];
    for (const [name, text, layout] of cases) {
      const file = await writeCsv(`${name}.csv`, text);
      expect(await plainCsvLayout(file), name).toBe(layout);
      const parsed = await all(parsedCsvRecords(file));
      expect(await all(csvRecords(file)), name).toEqual(parsed);
    }
  }, 60_000);

  it('stops at a line longer than any row, in either reader, naming the file and the line', async () => {
    const huge = 'x'.repeat(MAX_CSV_RECORD_CHARS + 1);
    const plain = await writeCsv('p.csv', `a,b\n1,2\n3,${huge}\n5,6\n`);
    const last = await writeCsv('l.csv', `a,b\n${huge}`);
    // csv-parse counts bytes in part (see parsedCsvRecords): beyond three times the limit in ASCII.
    const quoted = await writeCsv('q.csv', `a,b\n"1",2\n3,${'x'.repeat(3 * MAX_CSV_RECORD_CHARS + 1)}\n`);
    expect(await plainCsvLayout(plain)).toBe('\n');
    expect(await plainCsvLayout(quoted)).toBeNull();
    const refused = (file: string, row: number) =>
      `${basename(file)} 第 ${row} 行超过 ${MAX_CSV_RECORD_CHARS} 字，不是有效的表格行（文件可能已损坏）`;
    await expect(all(csvRecords(plain))).rejects.toThrow(refused(plain, 3));
    await expect(all(csvRecords(last))).rejects.toThrow(refused(last, 2));
    await expect(all(csvRecords(quoted))).rejects.toThrow(refused(quoted, 3));
    // A line of exactly the limit is read, in either reader, with either line break, wherever the
    // reader's chunks cut it (the last line, its \r\n cut by the 1 MB chunk).
    const edge = 'y'.repeat(MAX_CSV_RECORD_CHARS);
    for (const [name, text] of [
      ['e.csv', `a\n${edge}\n`],
      ['er.csv', `a\r\n${edge}\r\n`],
      ['eq.csv', `"a"\n${'张'.repeat(MAX_CSV_RECORD_CHARS)}\n`],
      ['ecut.csv', `${'z'.repeat((1 << 20) - MAX_CSV_RECORD_CHARS - 3)}\r\n${edge}\r\n`],
    ] as const) {
      const file = await writeCsv(name, text);
      expect(
        (await all(csvRecords(file))).map((r) => r.fields[0]?.length),
        name,
      ).toEqual([name === 'ecut.csv' ? (1 << 20) - MAX_CSV_RECORD_CHARS - 3 : 1, MAX_CSV_RECORD_CHARS]);
    }
  }, 60_000);

  it('leaves quoted fields and mixed line breaks to csv-parse', async () => {
    const quoted = await writeCsv('q.csv', 'a,b\n"1,2",3\n');
    const mixed = await writeCsv('m.csv', 'a,b\r\n1,2\n3,4\r\n');
    const lone = await writeCsv('r.csv', 'a,b\r1,2\r');
    for (const file of [quoted, mixed, lone]) {
      expect(await plainCsvLayout(file)).toBeNull();
      expect(await all(csvRecords(file))).toEqual(await all(parsedCsvRecords(file)));
    }
  });
});

describe('files and directories', () => {
  it('rejects unknown names, missing paths and a table given twice', async () => {
    await writeExchange(join(dir, 'a.xlsx'), { 机构: DATA.机构 });
    await writeExchange(dir, { 机构: DATA.机构 });
    await writeCsv('机构表.csv', '');
    await writeCsv('说明.txt', '');
    await writeCsv('~$a.xlsx', '');
    expect(await openErrors([dir, join(dir, 'nope.csv'), join(dir, '说明.txt')])).toEqual([
      `${join(dir, 'nope.csv')}: 文件或目录不存在`,
      '说明.txt: 不支持的文件类型，应为 .xlsx 或 .csv',
      '机构表.csv: 文件名应为表名，即：地区.csv、人口.csv、机构.csv、编制.csv、领导职数.csv、人员.csv、学生数.csv、历史事项.csv、机构沿革.csv、事业单位登记.csv、中文域名.csv',
      '机构: 该表出现在多个文件中：a.xlsx 的工作表“机构”、机构.csv，只能有一个',
    ]);
  });

  it('reports an empty directory', async () => {
    expect(await openErrors([dir])).toEqual([`${dir}: 目录中没有 .xlsx 或 .csv 文件`]);
  });
});

describe('formula injection', () => {
  const NAMES = ["=cmd|' /C calc'!A0", '+1+1', '@SUM(1)', '-2', "'=quoted", "'plain"];
  const people = (): PersonRow[] =>
    NAMES.map((name, i) => {
      const base = DATA.人员[0];
      if (!base) throw new Error('fixture');
      return { ...base, name, idNumber: i === 0 ? ID : ID_X, unitCode: '001' };
    }).slice(0, 2);
  const units = DATA.机构.map((u, i) => ({
    ...u,
    name: NAMES[i + 2] ?? u.name,
    plaques: i === 1 ? NAMES : [],
  }));

  it('writes dangerous text quoted in CSV and reads it back unchanged', async () => {
    const out = join(dir, 'csv');
    await writeExchange(out, { 机构: units, 人员: people() });
    const csv = await readFile(join(out, '人员.csv'), 'utf8');
    expect(csv).toContain(",'=cmd|' /C calc'!A0,");
    expect(csv).toContain(",'+1+1,");
    const unitsCsv = await readFile(join(out, '机构.csv'), 'utf8');
    expect(unitsCsv).toContain(",'@SUM(1),");
    expect(unitsCsv).toContain(",'-2,");
    // No field of any line starts with a formula character.
    for (const line of (csv + unitsCsv).split('\r\n'))
      for (const field of line.split(',')) expect(field).not.toMatch(/^"?[=+\-@\t\r]/);
    const back = await readBack([out]);
    expect(back.人员).toEqual(people());
    expect(back.机构).toEqual(units);
  });

  it('writes dangerous text as quoted text cells in .xlsx and reads it back unchanged', async () => {
    const out = join(dir, 'x.xlsx');
    await writeExchange(out, { 机构: units, 人员: people() });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.getWorksheet('人员')?.getColumn(2).values.slice(2);
    expect(names).toEqual(["'=cmd|' /C calc'!A0", "'+1+1"]);
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        }),
      ),
    );
    const back = await readBack([out]);
    expect(back.人员).toEqual(people());
    expect(back.机构).toEqual(units);
  });

  it('neutralizes a leading tab or carriage return', async () => {
    const out = join(dir, 'tab');
    const tabbed = units.map((u, i) => ({ ...u, name: i === 0 ? '\t=1' : '\r=2' }));
    await writeExchange(out, { 机构: tabbed });
    const text = await readFile(join(out, '机构.csv'), 'utf8');
    expect(text).toContain(`,'\t=1,`);
    expect(text).toContain(`,"'\r=2",`);
  });
});

describe('counting the rows of a plain csv file without splitting them', () => {
  it('lineHasValue says what hasValue says of the same line split', () => {
    const columns = new Map([
      [0, '身份证号'],
      [1, '姓名'],
      [3, '机构编码'],
    ]);
    const lines = [
      '',
      ',,,,',
      ' , \t,\u3000,',
      'a,,,',
      ',b,,',
      ',,x,', // only an unmapped column
      ',,x,y',
      ',,x,\u3000',
      '\u3000张\u00a0,,,',
      ',,\u2003,\u3000z',
      ',,,,,,extra',
      '\ufeff,,,', // U+FEFF is whitespace to trim
      '   ',
      ',,,0',
    ];
    for (const line of lines)
      expect(lineHasValue(line, columns), JSON.stringify(line)).toBe(hasValue(line.split(','), columns));
  });

  it('counts the rows of a plain file as the parsed rows are', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bianzhi-count-'));
    try {
      const file = join(dir, '人员.csv');
      const header = ['身份证号', '姓名', '行政区划代码', '机构编码'].join(',');
      await writeFile(file, [header, 'a,b,c,d', ',,,', '', '\u3000,,,', ',,,d', 'x', ''].join('\n'));
      const { sources } = await openSources([file], { ignoreExtraColumns: true });
      const source = sources[0];
      if (source === undefined) throw new Error('source expected');
      expect(await source.countRows()).toBe(3);
      expect(await source.estimateRows()).toBe(3);
      expect((await collect(source)).map((r) => r.rowNumber)).toEqual([2, 6, 7]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
