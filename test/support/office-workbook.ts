// An office's own workbook for the mapping tests: a 花名册 as offices keep it (title row above
// the headers, their own header names and labels, unit names instead of codes, dates written
// with dots) and a cover sheet that is not imported. The units are those of test/fixtures/county.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '../../src/common/codes/id-card.ts';

export function idNumber(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

/** The people of the 花名册: 身份证号, 姓名, 单位名称, 编制性质, 人员状态, 进编时间. */
export const OFFICE_PEOPLE: readonly (readonly string[])[] = [
  [idNumber('64012119880305012'), '马小军', '永宁县教育局', '行政', '在职', '2011.09.01'],
  [idNumber('64012119920711022'), '杨丽', '中共永宁县委组织部', '行政', '在职', '2015/8/1'],
  [idNumber('64012119950102031'), '周平', '永宁县教育局', '行政', '拟入编', ''],
];

export const OFFICE_HEADERS = [
  '序号',
  '姓名',
  '公民身份号码',
  '单位名称',
  '编制性质',
  '人员状态',
  '进编时间',
  '学历',
];

/** Writes 花名册.xlsx into `dir`; `people` replaces the rows when given. */
export async function writeOfficeWorkbook(
  dir: string,
  people: readonly (readonly string[])[] = OFFICE_PEOPLE,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本花名册由实名制系统导出']);
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['永宁县机关事业单位人员花名册']);
  ws.addRow(OFFICE_HEADERS);
  people.forEach(([id, name, unit, quota, status, entered], i) => {
    ws.addRow([i + 1, name, id, unit, quota, status, entered, '大学本科']);
  });
  const file = path.join(dir, '花名册.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}
