// All SQL of stored files (附件), whoever owns them: a matter (事项), a 法规制度 document or a
// training record. Matter files are kept in matter_attachments, library files in
// library_attachments; both tables hold the same file columns, so one store, keyed by owner,
// writes and reads them all.
import type { Selectable } from 'kysely';
import type { MatterAttachmentTable } from '../database.ts';
import type { Executor } from './executor.ts';

/** Whose file it is. A library file also carries its county (the table keeps it for reads). */
export type AttachmentOwner =
  | { matterId: number; stepId: number | null }
  | { documentId: number; regionCode: string }
  | { trainingId: number; regionCode: string };

/** The kinds of owner, as callers name them when they list or read files. */
export type OwnerKind = 'matter' | 'document' | 'training';

/** A stored file without its content. */
export interface StoredAttachment {
  id: number;
  /** The matter's step the file was added at (matters only; null for library files). */
  stepId: number | null;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** A stored file with its content and owner, for a download (the caller authorizes on the owner). */
export interface AttachmentContent {
  owner: AttachmentOwner;
  fileName: string;
  mediaType: string;
  content: Buffer;
}

const LIBRARY_OWNER_COLUMN = { document: 'document_id', training: 'training_id' } as const;
const FILE_COLUMNS = ['id', 'file_name', 'media_type', 'size', 'sha256', 'uploaded_at'] as const;
type FileRow = Pick<Selectable<MatterAttachmentTable>, (typeof FILE_COLUMNS)[number]>;

export async function insertAttachment(
  db: Executor,
  a: {
    owner: AttachmentOwner;
    fileName: string;
    mediaType: string;
    content: Buffer;
    sha256: string;
    by: number;
    at: string;
  },
): Promise<number> {
  const file = {
    file_name: a.fileName,
    media_type: a.mediaType,
    size: a.content.length,
    sha256: a.sha256,
    content: a.content,
    uploaded_by: a.by,
    uploaded_at: a.at,
  };
  const o = a.owner;
  const r =
    'matterId' in o
      ? await db
          .insertInto('matter_attachments')
          .values({ ...file, matter_id: o.matterId, step_id: o.stepId })
          .returning('id')
          .executeTakeFirstOrThrow()
      : await db
          .insertInto('library_attachments')
          .values({
            ...file,
            region_code: o.regionCode,
            document_id: 'documentId' in o ? o.documentId : null,
            training_id: 'trainingId' in o ? o.trainingId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
  return r.id;
}

/** The files (without content) of the owners of one kind, oldest first, by owner id. */
export async function attachmentsOf(
  db: Executor,
  kind: OwnerKind,
  ownerIds: readonly number[],
): Promise<Map<number, StoredAttachment[]>> {
  const out = new Map<number, StoredAttachment[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return out;
  const rows: (FileRow & { owner_id: number | null; step_id: number | null })[] =
    kind === 'matter'
      ? await db
          .selectFrom('matter_attachments')
          .select([...FILE_COLUMNS, 'matter_id as owner_id', 'step_id'])
          .where('matter_id', 'in', [...ownerIds])
          .orderBy('id')
          .execute()
      : await db
          .selectFrom('library_attachments')
          .select([...FILE_COLUMNS, `${LIBRARY_OWNER_COLUMN[kind]} as owner_id`])
          .where(LIBRARY_OWNER_COLUMN[kind], 'in', [...ownerIds])
          .orderBy('id')
          .execute()
          .then((files) => files.map((f) => ({ ...f, step_id: null })));
  for (const r of rows) {
    if (r.owner_id === null) continue;
    out.get(r.owner_id)?.push({
      id: r.id,
      stepId: r.step_id,
      fileName: r.file_name,
      mediaType: r.media_type,
      size: Number(r.size),
      sha256: r.sha256,
      uploadedAt: r.uploaded_at,
    });
  }
  return out;
}

/** One file with its content: a matter's (`matter`) or a library document's or training record's (`library`). */
export async function attachmentContent(
  db: Executor,
  store: 'matter' | 'library',
  id: number,
): Promise<AttachmentContent | undefined> {
  const file = (r: { file_name: string; media_type: string; content: Buffer }) => ({
    fileName: r.file_name,
    mediaType: r.media_type,
    content: Buffer.from(r.content),
  });
  if (store === 'matter') {
    const r = await db
      .selectFrom('matter_attachments')
      .select(['matter_id', 'step_id', 'file_name', 'media_type', 'content'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r && { owner: { matterId: r.matter_id, stepId: r.step_id }, ...file(r) };
  }
  const r = await db
    .selectFrom('library_attachments')
    .select(['region_code', 'document_id', 'training_id', 'file_name', 'media_type', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  // Exactly one of the two owner columns is set (the table checks it).
  const owner: AttachmentOwner | null =
    r.document_id !== null
      ? { documentId: r.document_id, regionCode: r.region_code }
      : r.training_id !== null
        ? { trainingId: r.training_id, regionCode: r.region_code }
        : null;
  return owner ? { owner, ...file(r) } : undefined;
}
