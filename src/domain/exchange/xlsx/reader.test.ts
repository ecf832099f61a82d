import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCounty } from '../../../demo/write-county.ts';
import { excelCells, openWorkbook, repairWorksheet, sheetName, type CellValue } from '../sources.ts';
import { columnNumber, countRowTags, openXlsx, XlsxError, type XlsxRow } from './reader.ts';
import { XmlError, XmlTokenizer, type XmlHandler } from './xml.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Sheets = Record<string, [number, [number, CellValue][]][]>;

function plain(value: CellValue): CellValue {
  if (value === null || (typeof value === 'string' && value === '')) return null;
  return value;
}

function normal(cells: [number, CellValue][]): [number, CellValue][] {
  return cells.map(([c, v]): [number, CellValue] => [c, plain(v)]).filter(([, v]) => v !== null);
}

async function readWithExceljs(file: string): Promise<Sheets> {
  const out: Sheets = {};
  const workbook = openWorkbook(file);
  try {
    for await (const ws of workbook.reader) {
      repairWorksheet(ws);
      const rows: Sheets[string] = [];
      for await (const row of ws) rows.push([row.number, normal(excelCells(row))]);
      out[sheetName(ws)] = rows;
    }
  } finally {
    workbook.close();
  }
  return out;
}

async function readFast(file: string): Promise<Sheets> {
  const out: Sheets = {};
  const book = await openXlsx(file);
  for (const sheet of book.sheets) {
    const rows: Sheets[string] = [];
    for await (const batch of book.rows(sheet)) {
      for (const row of batch) rows.push([row.number, normal(row.cells)]);
    }
    out[sheet.name] = rows;
  }
  return out;
}

async function fastRows(file: string, sheetIndex = 0): Promise<XlsxRow[]> {
  const book = await openXlsx(file);
  const sheet = book.sheets[sheetIndex];
  if (sheet === undefined) throw new Error('no sheet');
  const rows: XlsxRow[] = [];
  for await (const batch of book.rows(sheet)) rows.push(...batch);
  return rows;
}

describe('the fast reader gives what exceljs gives', () => {
  it('for a generated county in the exchange format (every sheet, every cell)', async () => {
    const file = join(dir, 'county.xlsx');
    await writeCounty(file, { regionCode: '640121', scale: 0.1, seed: 5, asOf: '2026-06-30' });
    const fast = await readFast(file);
    expect(Object.keys(fast).sort()).toEqual(
      ['人口', '人员', '地区', '学生数', '机构', '编制', '领导职数'].sort(),
    );
    expect(fast['人员']?.length).toBeGreaterThan(300);
    expect(fast).toEqual(await readWithExceljs(file));
  }, 120_000);

  it('for a workbook with shared strings, rich text, dates, numbers, booleans, formulas and merged headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(['姓名', '身份证号', '进编时间', '数', '是否', '公式', '文本公式']);
    ws.mergeCells('H1:I1');
    ws.getCell('H1').value = '合并表头';
    ws.addRow([
      { richText: [{ text: '张', font: { bold: true } }, { text: '三' }] },
      '110101199003070011',
      new Date(Date.UTC(2011, 8, 1)),
      3.25,
      true,
      { formula: 'D2*2', result: 6.5 },
      { formula: 'A2&"x"', result: '张三x' },
    ]);
    ws.addRow(['a&b <c> "d" \'e\'', '  空格  ', null, 0, false]);
    const row4 = ws.getRow(4);
    row4.getCell(27).value = 'AA 列';
    row4.getCell(703).value = 'AAA 列';
    row4.commit();
    ws.addRow([]);
    ws.addRow(['隔行之后']);
    ws.getCell('C3').value = new Date(Date.UTC(1999, 11, 31, 12, 30));
    ws.getCell('C3').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('D3').numFmt = '0.00';
    wb.addWorksheet('空表');
    const file = join(dir, 'rich.xlsx');
    await wb.xlsx.writeFile(file);
    const fast = await readFast(file);
    expect(fast['人员']?.[1]?.[1].slice(0, 3)).toEqual([
      [1, '张三'],
      [2, '110101199003070011'],
      [3, new Date(Date.UTC(2011, 8, 1))],
    ]);
    expect(fast).toEqual(await readWithExceljs(file));
  });

  it('for a 1904 date system workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('人员');
    ws.addRow(['进编时间']);
    ws.addRow([new Date(Date.UTC(2020, 1, 29))]);
    const file = join(dir, '1904.xlsx');
    await wb.xlsx.writeFile(file);
    const fast = await readFast(file);
    expect(fast['人员']?.[1]).toEqual([2, [[1, new Date(Date.UTC(2020, 1, 29))]]]);
    expect(fast).toEqual(await readWithExceljs(file));
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-written workbooks: what Excel and other programs write that exceljs's writer does not.

function zip(files: Record<string, string | Buffer>, opts: { lieAboutSize?: string } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const size = opts.lieAboutSize === name ? 10 : data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function workbookParts(sheetXml: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    // Sheets stored before workbook.xml: exceljs cannot name them; the fast reader can.
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet ${NS} ${REL_NS}>${sheetXml}</worksheet>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS} ${REL_NS}><workbookPr date1904="false"/><sheets><sheet name="人员" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="49"/></cellXfs></styleSheet>`,
    ...extra,
  };
}

async function writeZip(name: string, files: Record<string, string | Buffer>, opts = {}): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, zip(files, opts));
  return file;
}

describe('the sheet tokenizer', () => {
  it('decodes entities and character references, keeps xml:space text, reads inline and shared strings', async () => {
    const strings = `<?xml version="1.0"?><sst ${NS} count="3"><si><t>共享</t></si><si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si></sst>`;
    const sheet =
      '<dimension ref="A1:AB4"/><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#x4E2D;&#25991;</t></is></c>' +
      '<c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c>' +
      '<c r="E1" t="inlineStr"><is><r><t>行</t></r><r><t xml:space="preserve">内 </t></r></is></c></row>' +
      // gaps: row 3 missing, columns beyond Z, empty <v/>, cells and rows without r
      '<row r="4"><c r="A4"><v/></c><c r="Z4" t="str"><v>Z</v></c><c r="AB4" t="b"><v>1</v></c><c t="n"><v>-1.5E3</v></c></row>' +
      '<row><c r="A5" s="1"><v>40909</v></c><c r="B5" s="2"><v>40909.5</v></c><c r="C5" s="3"><v>40909</v></c>' +
      '<c r="D5" t="e"><v>#N/A</v></c><c r="E5" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F5" t="str"><f>A1</f><v>x</v></c><c r="G5"><f>B1</f></c></row>' +
      '<row r="6"><c r="A6" t="inlineStr"><is><t><![CDATA[<原样>&amp;]]></t></is></c><!-- 注释 <c r="B6"/> --></row>' +
      '</sheetData>';
    const file = await writeZip('tokens.xlsx', workbookParts(sheet, { 'xl/sharedStrings.xml': strings }));
    const book = await openXlsx(file);
    expect(book.sheets.map((s) => [s.name, s.dimensionRows])).toEqual([['人员', 4]]);
    const rows = await fastRows(file);
    expect(rows).toEqual([
      {
        number: 1,
        cells: [
          [1, 'a&b <c> "d" \'e\' 中文'],
          [2, '共享'],
          [3, '富 文本 '],
          [4, '漢字'],
          [5, '行内 '],
        ],
      },
      {
        number: 4,
        cells: [
          [26, 'Z'],
          [28, true],
          [29, -1500],
        ],
      },
      {
        number: 5,
        cells: [
          [1, new Date(Date.UTC(2012, 0, 1))],
          [2, new Date(Date.UTC(2012, 0, 1, 12))],
          [3, 40909],
          [4, '#N/A'],
          [5, '#DIV/0!'],
          [6, 'x'],
        ],
      },
      { number: 6, cells: [[1, '<原样>&amp;']] },
    ]);
  });

  it('splits chunks anywhere: a tag, an entity or a character cut in two reads the same', () => {
    const xml = '<row r="1"><c r="A1" t="inlineStr"><is><t>中&amp;文</t></is></c></row>';
    const whole = tokens([xml]);
    for (let cut = 1; cut < xml.length; cut++) {
      expect(tokens([xml.slice(0, cut), xml.slice(cut)])).toEqual(whole);
    }
    expect(whole).toContain('text:中&文');
  });

  it('refuses a DOCTYPE (no entity can expand) and undefined entities', () => {
    expect(() => tokens(['<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'])).toThrow(XmlError);
    expect(() => tokens(['<t>&bogus;</t>'])).toThrow(/未定义的实体/);
  });

  it('counts row elements in bytes cut anywhere, not <rowBreaks> or text', async () => {
    const xml = Buffer.from(
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &lt;row b</t></is></c></row>' +
        '<row r="2"/><row\tr="3"></row><row>' +
        '</row></sheetData><rowBreaks count="1"><brk id="3"/></rowBreaks></worksheet>',
    );
    async function* chunks(size: number): AsyncGenerator<Buffer> {
      for (let i = 0; i < xml.length; i += size) yield xml.subarray(i, i + size);
    }
    for (const size of [1, 2, 3, 4, 5, 7, 64, xml.length]) expect(await countRowTags(chunks(size))).toBe(4);
  });

  it('numbers columns A, Z, AA, XFD', () => {
    expect(['A1', 'Z9', 'AA2', 'XFD1048576'].map(columnNumber)).toEqual([1, 26, 27, 16384]);
  });
});

function tokens(chunks: string[]): string[] {
  const out: string[] = [];
  const handler: XmlHandler = {
    wantText: true,
    open: (name, attrs, selfClosing) => out.push(`open:${name}:${attrs.trim()}:${String(selfClosing)}`),
    close: (name) => out.push(`close:${name}`),
    text: (text) => {
      const last = out.at(-1);
      if (last?.startsWith('text:')) out[out.length - 1] = last + text;
      else out.push(`text:${text}`);
    },
  };
  const tokenizer = new XmlTokenizer(handler);
  for (const chunk of chunks) tokenizer.write(chunk);
  tokenizer.end();
  return out;
}

describe('hostile and damaged files', () => {
  it('fails with a clear error when an entry inflates beyond its declared size (zip bomb)', async () => {
    const big = '<sheetData>' + '<row/>'.repeat(100_000) + '</sheetData>';
    const file = await writeZip('bomb.xlsx', workbookParts(big), {
      lieAboutSize: 'xl/worksheets/sheet1.xml',
    });
    await expect(fastRows(file)).rejects.toThrow(/解压后的大小与记录的不符/);
  });

  it('is not a zip', async () => {
    const file = join(dir, 'not.xlsx');
    await writeFile(file, 'just text');
    await expect(openXlsx(file)).rejects.toThrow(XlsxError);
  });

  it('a truncated workbook fails as a file error', async () => {
    const good = await readFile(await writeZip('good.xlsx', workbookParts('<sheetData/>')));
    const file = join(dir, 'truncated.xlsx');
    await writeFile(file, good.subarray(0, good.length - 30));
    await expect(openXlsx(file)).rejects.toThrow(XlsxError);
  });
});
