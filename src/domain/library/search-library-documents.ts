// Reads the 法规制度 library: the county's documents searched by title, 文号 and full text, and
// one document with its full text.
import type { DocumentValidity } from '../../common/evaluation.ts';
import type { LibraryDocument, LibraryDocumentSummary } from '../../common/wire-library.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { findLibraryDocument, listLibraryDocuments } from '../../db/repositories/library.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';

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

/** One document with its full text. */
export async function getLibraryDocument(
  db: Executor,
  opts: { principal: Principal; documentId: number },
): Promise<LibraryDocument> {
  const doc = await findLibraryDocument(db, opts.documentId);
  if (!doc) throw notFound('法规制度文件');
  await authorize(db, opts.principal, 'library.read', { region: doc.regionCode });
  return doc;
}
