// Adds a document to the county's 法规制度 library (编办), audited in the same transaction.
import type { LibraryDocument, LibraryDocumentInput } from '../../common/wire-library.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { findLibraryDocument, insertLibraryDocument } from '../../db/repositories/library.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { auditedDocument, checkDocumentDates } from './document-rules.ts';

export async function addLibraryDocument(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; document: LibraryDocumentInput },
): Promise<LibraryDocument> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'library.write', { region: opts.regionCode, wholeRegion: true });
  checkDocumentDates(opts.document);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await findRegion(trx, opts.regionCode))) throw notFound(`行政区划 ${opts.regionCode} `);
    const id = await insertLibraryDocument(trx, {
      ...opts.document,
      regionCode: opts.regionCode,
      at: nowIso(),
      by: p.userId,
    });
    const saved = await findLibraryDocument(trx, id);
    if (!saved) throw notFound('法规制度文件');
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'library.document',
        entityType: 'library_document',
        entityId: id,
        regionCode: opts.regionCode,
        summary: `新增法规制度：${saved.title}${saved.docNo === null ? '' : `（${saved.docNo}）`}`,
        payload: { before: null, after: auditedDocument(saved) },
      },
    );
    return saved;
  });
}
