// All SQL of the files attached to 法规制度 documents and training records (stored in the
// database, as matter attachments are).
import type { LibraryAttachment } from '../../common/wire-library.ts';
import type { Executor } from './executor.ts';

/** Whose file it is: a document or a training record. */
export type AttachmentOwner = { documentId: number } | { trainingId: number };

export async function insertLibraryAttachment(
  db: Executor,
  a: {
    owner: AttachmentOwner;
    regionCode: string;
    fileName: string;
    mediaType: string;
    content: Buffer;
    sha256: string;
    by: number;
    at: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('library_attachments')
    .values({
      region_code: a.regionCode,
      document_id: 'documentId' in a.owner ? a.owner.documentId : null,
      training_id: 'trainingId' in a.owner ? a.owner.trainingId : null,
      file_name: a.fileName,
      media_type: a.mediaType,
      size: a.content.length,
      sha256: a.sha256,
      content: a.content,
      uploaded_by: a.by,
      uploaded_at: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The attachments (without content) of the documents or training records, oldest first, by owner id. */
export async function libraryAttachmentsOf(
  db: Executor,
  owner: 'document' | 'training',
  ids: readonly number[],
): Promise<Map<number, LibraryAttachment[]>> {
  const out = new Map<number, LibraryAttachment[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const column = owner === 'document' ? 'document_id' : 'training_id';
  const rows = await db
    .selectFrom('library_attachments')
    .select(['id', 'document_id', 'training_id', 'file_name', 'media_type', 'size', 'sha256', 'uploaded_at'])
    .where(column, 'in', [...ids])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const key = owner === 'document' ? r.document_id : r.training_id;
    if (key === null) continue;
    out.get(key)?.push({
      id: r.id,
      fileName: r.file_name,
      mediaType: r.media_type,
      size: Number(r.size),
      sha256: r.sha256,
      uploadedAt: r.uploaded_at,
    });
  }
  return out;
}

export async function libraryAttachmentContent(
  db: Executor,
  id: number,
): Promise<{ regionCode: string; fileName: string; mediaType: string; content: Buffer } | undefined> {
  const r = await db
    .selectFrom('library_attachments')
    .select(['region_code', 'file_name', 'media_type', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      regionCode: r.region_code,
      fileName: r.file_name,
      mediaType: r.media_type,
      content: Buffer.from(r.content),
    }
  );
}

/** The county of a training record, or undefined when there is none. */
export async function trainingRegion(db: Executor, id: number): Promise<string | undefined> {
  const r = await db.selectFrom('trainings').select('region_code').where('id', '=', id).executeTakeFirst();
  return r?.region_code;
}
