// Renders a county's 全年汇报 on an as-of date as one GB/T 9704 .docx and keeps the values it
// printed, so that the next reading lists the figures changed since. The default text is stored
// as the year's document on its first rendering (a rendering belongs to a document). Audited.
import type { FullReportChange } from '../../common/wire-full-report.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import type { Actor } from '../../audit/events.ts';
import {
  insertReportDocument,
  insertReportRendering,
  lastReportRendering,
} from '../../db/repositories/full-report.ts';
import { AppError, invalid } from '../../errors.ts';
import { renderFullReportDocx } from '../../report/full-report-docx.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import {
  changesSince,
  countyScope,
  documentOrDefault,
  filledParagraphs,
  namedValues,
  sourceRows,
} from './document.ts';
import { computeFigures } from './figures.ts';

export interface RenderedFullReport {
  file: Buffer;
  fileName: string;
  /** The paragraphs as printed. */
  paragraphs: string[];
  /** The figures printed, by key. */
  figures: Record<string, number | null>;
  /** Against the previous rendering (empty on the first). */
  changes: FullReportChange[];
}

export async function renderFullReport(
  ctx: AppContext,
  opts: {
    /** Null for the command line, which acts as `actor`. */
    principal: Principal | null;
    actor?: Actor;
    regionCode: string;
    year?: number | undefined;
    asOf?: string | undefined;
  },
): Promise<RenderedFullReport> {
  const p = opts.principal;
  if (p !== null)
    await authorize(ctx.db.kysely, p, 'fullReport.write', { region: opts.regionCode, wholeRegion: true });
  const actor: Actor =
    p !== null ? { id: p.userId, name: p.username } : (opts.actor ?? { id: null, name: '命令行' });
  const today = todayInChina();
  const asOf = opts.asOf ?? today;
  // A rendering is a record of what the county reported: never of a day still to come (its
  // figures would be compared with the next rendering as if they had been true).
  if (asOf > today) throw invalid(`统计日期 ${asOf} 晚于今天（${today}），不能生成汇报`);
  const year = opts.year ?? Number(asOf.slice(0, 4));
  const asOfYear = Number(asOf.slice(0, 4));
  // The year's report is written during the year or early in the next, never from another era.
  if (asOfYear < year || asOfYear > year + 1)
    throw invalid(`${year}年的汇报只能用 ${year} 年或 ${year + 1} 年内某日的数字生成，不能用 ${asOf}`);
  // The figures are computed before the transaction, on the connection (the 基本情况 cache may
  // store its rows, which on SQLite it does only outside a transaction), from the document read
  // then; the transaction refuses the rendering if the document was saved in between.
  const db = ctx.db.kysely;
  const scope = await countyScope(db, opts.regionCode);
  const read = await documentOrDefault(db, scope, year);
  const values = await computeFigures(db, { regionCode: opts.regionCode, asOf, workFrom: read.workFrom });
  return db.transaction().execute(async (trx) => {
    const doc = await documentOrDefault(trx, scope, year);
    if (doc.version !== read.version) throw new AppError('CONFLICT', '文稿刚被修改，请重新生成');
    const at = nowIso();
    const documentId =
      doc.id ??
      (await insertReportDocument(trx, {
        regionCode: opts.regionCode,
        year,
        title: doc.title,
        workFrom: doc.workFrom,
        paragraphs: doc.paragraphs,
        at,
        by: actor.id,
      }));
    const printed = namedValues(doc.paragraphs, values);
    const last = await lastReportRendering(trx, documentId);
    const changes = last ? changesSince(last.figures, printed) : [];
    const paragraphs = filledParagraphs(doc.paragraphs, values);
    const file = await renderFullReportDocx({
      title: doc.title,
      regionName: scope.regionName,
      asOf,
      paragraphs,
      sources: sourceRows(doc.paragraphs, values),
    });
    await insertReportRendering(trx, {
      regionCode: opts.regionCode,
      documentId,
      asOf,
      figures: printed,
      at,
      by: actor.id,
    });
    await ctx.audit.record(trx, actor, {
      action: 'full_report.render',
      entityType: 'report_document',
      entityId: documentId,
      regionCode: opts.regionCode,
      summary: `生成${year}年全年汇报（数据截至 ${asOf}），${changes.length} 个数字较上次变化`,
      payload: {
        before: null,
        after: { year, asOf, figures: Object.keys(printed).length, changed: changes.map((c) => c.key) },
      },
    });
    return { file, fileName: `${doc.title}（截至${asOf}）.docx`, paragraphs, figures: printed, changes };
  });
}
