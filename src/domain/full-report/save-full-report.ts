// Saves the prose of a county's 全年汇报 (编办). Placeholders must name figures of the registry;
// the text never holds a figure's value, so editing it cannot change one. Audited in the same
// transaction; a save over a version someone else saved in between is refused.
import type { SaveFullReportBody } from '../../common/wire-full-report.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { insertReportDocument, updateReportDocument } from '../../db/repositories/full-report.ts';
import { AppError, invalid } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { countyScope, documentOrDefault } from './document.ts';
import { FIGURE_KEYS } from './figures.ts';
import {
  malformedPlaceholderMessage,
  malformedPlaceholders,
  namedFigures,
  unknownPlaceholderMessage,
  unknownPlaceholders,
} from './rules.ts';

export async function saveFullReport(
  ctx: AppContext,
  opts: { principal: Principal; body: SaveFullReportBody },
): Promise<{ version: number }> {
  const p = opts.principal;
  const b = opts.body;
  await authorize(ctx.db.kysely, p, 'fullReport.write', { region: b.region, wholeRegion: true });
  const paragraphs = b.paragraphs.map((x) => x.trim()).filter((x) => x !== '');
  if (paragraphs.length === 0) throw invalid('文稿不能为空');
  const unknown = unknownPlaceholders(paragraphs, FIGURE_KEYS);
  if (unknown.length > 0) throw invalid(unknownPlaceholderMessage(unknown), { unknown });
  const malformed = malformedPlaceholders(paragraphs);
  if (malformed.length > 0) throw invalid(malformedPlaceholderMessage(malformed), { malformed });
  if (b.workFrom.slice(0, 4) > String(b.year)) throw invalid('工作统计起始日期不能晚于汇报年度');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const scope = await countyScope(trx, b.region);
    const current = await documentOrDefault(trx, scope, b.year);
    if (current.version !== b.version) throw new AppError('CONFLICT', '文稿已被他人修改，请刷新后重新编辑');
    const at = nowIso();
    const fields = { title: b.title, workFrom: b.workFrom, paragraphs, at, by: p.userId };
    let id: number;
    if (current.id === null) {
      id = await insertReportDocument(trx, { regionCode: b.region, year: b.year, ...fields });
    } else {
      id = current.id;
      if (!(await updateReportDocument(trx, { id, version: current.version, ...fields })))
        throw new AppError('CONFLICT', '文稿已被他人修改，请刷新后重新编辑');
    }
    const after = {
      year: b.year,
      title: b.title,
      workFrom: b.workFrom,
      paragraphs: paragraphs.length,
      figures: namedFigures(paragraphs),
    };
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'full_report.save',
        entityType: 'report_document',
        entityId: id,
        regionCode: b.region,
        summary: `保存${b.year}年全年汇报文稿：${paragraphs.length} 段，引用 ${after.figures.length} 个数字`,
        payload: {
          before:
            current.id === null
              ? null
              : {
                  year: b.year,
                  title: current.title,
                  workFrom: current.workFrom,
                  paragraphs: current.paragraphs.length,
                  figures: namedFigures(current.paragraphs),
                },
          after,
        },
      },
    );
    return { version: current.version + 1 };
  });
}
