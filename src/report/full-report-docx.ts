// The 全年汇报 as one GB/T 9704 Word document (the official renderer of basic-docx.ts): the
// title, the as-of date, the paragraphs with their figures filled in, and an appendix 数据来源
// listing each figure the text names, its value and where it comes from.
import { chineseDate, renderOfficialDocx, type DocumentFigure } from './basic-docx.ts';

export interface FullReportDocxInput {
  title: string;
  regionName: string;
  asOf: string;
  /** The paragraphs as printed (figures filled in). */
  paragraphs: readonly string[];
  /** The figures the text names, in order of first mention. */
  sources: readonly DocumentFigure[];
}

export async function renderFullReportDocx(d: FullReportDocxInput): Promise<Buffer> {
  return renderOfficialDocx({
    title: d.title,
    subtitle: `（数据截至${chineseDate(d.asOf)}）`,
    description: `${d.title}，数据截至 ${d.asOf}`,
    lines: d.paragraphs,
    figures: d.sources,
    figuresTitle: '附：数据来源',
  });
}
