// The differences of a reconciliation as a workbook: an overview sheet, then a sheet per kind.
import ExcelJS from 'exceljs';
import { DIFFERENCE_KINDS, DIFFERENCE_LABELS, SOURCE_LABELS } from '../domain/reconciliation/compare.ts';
import type { DifferenceView, ReconciliationSummary } from '../domain/reconciliation/list-reconciliations.ts';
import { safeRow } from '../common/spreadsheet-text.ts';

const COLUMNS: { header: string; width: number; value: (d: DifferenceView) => string | number }[] = [
  { header: '名单行号', width: 10, value: (d) => d.rowNumber ?? '' },
  { header: '姓名', width: 12, value: (d) => d.name },
  { header: '身份证号（脱敏）', width: 22, value: (d) => d.idMasked },
  { header: '名单单位', width: 28, value: (d) => d.listUnit ?? '' },
  { header: '实名库单位', width: 28, value: (d) => d.ledgerUnitName ?? '' },
  { header: '名单编制类型', width: 14, value: (d) => d.listQuotaType ?? '' },
  { header: '实名库编制类型', width: 14, value: (d) => d.ledgerQuotaType ?? '' },
  { header: '说明', width: 50, value: (d) => d.note ?? '' },
];

/** Every difference, a sheet per kind after an overview sheet (概况). */
export async function writeDifferences(
  s: ReconciliationSummary,
  differences: DifferenceView[],
  file: string,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const overview = workbook.addWorksheet('概况');
  overview.columns = [
    { header: '项目', width: 24 },
    { header: '内容', width: 40 },
  ];
  overview.addRows(
    [
      ['名单来源', SOURCE_LABELS[s.source]],
      ['名单文件', s.fileName],
      ['行政区划代码', s.regionCode],
      ['比对日期', s.comparedOn],
      ['比对时间', s.createdAt],
      ['操作人', s.createdByName],
      ['名单行数', s.counts.listRows],
      ['编制内实有人数', s.counts.ledgerPeople],
      ['一致', s.counts.matched],
      ...DIFFERENCE_KINDS.map((kind) => [DIFFERENCE_LABELS[kind], s.counts[kind]]),
    ].map(safeRow),
  );
  overview.getRow(1).font = { bold: true };
  for (const kind of DIFFERENCE_KINDS) {
    const sheet = workbook.addWorksheet(DIFFERENCE_LABELS[kind]);
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const d of differences) if (d.kind === kind) sheet.addRow(safeRow(COLUMNS.map((c) => c.value(d))));
  }
  await workbook.xlsx.writeFile(file);
}
