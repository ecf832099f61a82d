// Corrects a library document or records its new validity (失效, 修订), audited with the values
// before and after in the same transaction.
import { DOCUMENT_VALIDITY_LABELS } from '../../common/evaluation.ts';
import type { LibraryDocument, LibraryDocumentInput } from '../../common/wire-library.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import { findLibraryDocument, updateLibraryDocument } from '../../db/repositories/library.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { auditedDocument, checkDocumentDates } from './document-rules.ts';

export async function reviseLibraryDocument(
  ctx: AppContext,
  opts: { principal: Principal; documentId: number; document: LibraryDocumentInput },
): Promise<LibraryDocument> {
  const p = opts.principal;
  checkDocumentDates(opts.document);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findLibraryDocument(trx, opts.documentId);
    if (!before) throw notFound('法规制度文件');
    await authorize(trx, p, 'library.write', { region: before.regionCode, wholeRegion: true });
    await updateLibraryDocument(trx, { ...opts.document, id: opts.documentId, at: nowIso(), by: p.userId });
    const after = await findLibraryDocument(trx, opts.documentId);
    if (!after) throw notFound('法规制度文件');
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'library.document',
        entityType: 'library_document',
        entityId: after.id,
        regionCode: after.regionCode,
        summary: `修改法规制度：${after.title}（${DOCUMENT_VALIDITY_LABELS[after.validity]}）`,
        payload: { before: auditedDocument(before), after: auditedDocument(after) },
      },
    );
    return after;
  });
}
