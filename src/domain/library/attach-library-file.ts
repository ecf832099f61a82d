// 上传附件 to a 法规制度 document or a training record (its materials): by the office, of an
// allowed type (the matters' allow-list, checked against the file's first bytes), stored in the
// database with its SHA-256, which the audit chain carries.
import crypto from 'node:crypto';
import type { LibraryAttachment } from '../../common/wire-library.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { attachmentsOf, insertAttachment, type StoredAttachment } from '../../db/repositories/attachments.ts';
import { findLibraryDocument, trainingRegion } from '../../db/repositories/library.ts';
import { invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import { attachmentType } from '../matters/attachment-types.ts';

/** Whose file it is: a document or a training record. */
export type AttachmentOwner = { documentId: number } | { trainingId: number };

/** The county of the document or training record, checked for `library.write` (before any upload is read). */
export async function authorizeLibraryUpload(
  db: Executor,
  principal: Principal,
  owner: AttachmentOwner,
): Promise<string> {
  const region =
    'documentId' in owner
      ? (await findLibraryDocument(db, owner.documentId))?.regionCode
      : await trainingRegion(db, owner.trainingId);
  if (region === undefined) throw notFound('documentId' in owner ? '法规制度文件' : '学习宣讲记录');
  await authorize(db, principal, 'library.write', { region, wholeRegion: true });
  return region;
}

/** A stored file as the library's wire shows it (no step: library files have none). */
export function libraryAttachment(a: StoredAttachment): LibraryAttachment {
  return {
    id: a.id,
    fileName: a.fileName,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    uploadedAt: a.uploadedAt,
  };
}

/** Stores the file and returns the owner's attachments, the new one last. */
export async function attachLibraryFile(
  ctx: AppContext,
  opts: { principal: Principal; owner: AttachmentOwner; fileName: string; content: Buffer },
): Promise<LibraryAttachment[]> {
  const p = opts.principal;
  if (opts.content.length === 0) throw invalid('文件为空');
  const type = attachmentType(opts.fileName, opts.content.subarray(0, 16));
  if (!type.ok) throw invalid(type.reason);
  const fileName = opts.fileName.slice(-200);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const region = await authorizeLibraryUpload(trx, p, opts.owner);
    const sha256 = crypto.createHash('sha256').update(opts.content).digest('hex');
    await insertAttachment(trx, {
      owner: { ...opts.owner, regionCode: region },
      fileName,
      mediaType: type.mediaType,
      content: opts.content,
      sha256,
      by: p.userId,
      at: nowIso(),
    });
    const isDocument = 'documentId' in opts.owner;
    const ownerId = 'documentId' in opts.owner ? opts.owner.documentId : opts.owner.trainingId;
    await ctx.audit.record(
      trx,
      { id: p.userId, name: p.username },
      {
        action: 'library.attachment',
        entityType: isDocument ? 'library_document' : 'training',
        entityId: ownerId,
        regionCode: region,
        summary: `${isDocument ? '法规制度文件' : '学习宣讲记录'} ${ownerId} 上传附件 ${fileName}（${opts.content.length} 字节，SHA-256 ${sha256.slice(0, 16)}…）`,
        payload: {
          before: null,
          after: { fileName, mediaType: type.mediaType, size: opts.content.length, sha256 },
        },
      },
    );
    const files = await attachmentsOf(trx, isDocument ? 'document' : 'training', [ownerId]);
    return (files.get(ownerId) ?? []).map(libraryAttachment);
  });
}
