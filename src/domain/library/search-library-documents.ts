// Reads the 法规制度 library: the county's documents searched by title, 文号 and full text, and
// one document with its full text and attachments, and an attached file.
import type { DocumentValidity } from '../../common/evaluation.ts';
import type { LibraryDocumentDetail, LibraryDocumentSummary } from '../../common/wire-library.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { findLibraryDocument, listLibraryDocuments } from '../../db/repositories/library.ts';
import { attachmentContent, attachmentsOf } from '../../db/repositories/attachments.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { libraryAttachment } from './attach-library-file.ts';

/** The county's documents, newest first, matching the search text (if any) and validity (if given). */
export async function searchLibraryDocuments(
  db: Executor,
  opts: {
    principal: Principal;
    regionCode: string;
    text?: string | undefined;
    validity?: DocumentValidity | undefined;
  },
): Promise<LibraryDocumentSummary[]> {
  await authorize(db, opts.principal, 'library.read', { region: opts.regionCode });
  return listLibraryDocuments(db, { regionCode: opts.regionCode, text: opts.text, validity: opts.validity });
}

/** One document with its full text and its attachments. */
export async function getLibraryDocument(
  db: Executor,
  opts: { principal: Principal; documentId: number },
): Promise<LibraryDocumentDetail> {
  const doc = await findLibraryDocument(db, opts.documentId);
  if (!doc) throw notFound('法规制度文件');
  await authorize(db, opts.principal, 'library.read', { region: doc.regionCode });
  const attachments = ((await attachmentsOf(db, 'document', [doc.id])).get(doc.id) ?? []).map(
    libraryAttachment,
  );
  return { ...doc, attachments };
}

/** An attached file, for a reader of its county. */
export async function getLibraryAttachment(
  db: Executor,
  opts: { principal: Principal; attachmentId: number },
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const a = await attachmentContent(db, 'library', opts.attachmentId);
  if (!a || !('regionCode' in a.owner)) throw notFound('附件');
  await authorize(db, opts.principal, 'library.read', { region: a.owner.regionCode });
  return { fileName: a.fileName, mediaType: a.mediaType, content: a.content };
}
