// Wire shapes of the 法规制度 library and the training records. Shared by the server and the
// web (the web imports the types only).
import { z } from 'zod';
import { DateString } from './dates.ts';
import {
  DOCUMENT_VALIDITIES,
  TRAINING_KINDS,
  type DocumentValidity,
  type TrainingKind,
} from './evaluation.ts';
import { RegionCode } from './wire.ts';

const Text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}至多 ${max} 字`);

export const LibraryDocumentInput = z.object({
  title: Text('标题', 200),
  /** 文号, e.g. 中办发〔2019〕50号; some documents (laws) have none. */
  docNo: z.string().trim().max(100, '文号至多 100 字').nullable(),
  issuer: Text('发文机关', 100),
  issuedOn: DateString,
  effectiveOn: DateString.nullable(),
  validity: z.enum(DOCUMENT_VALIDITIES),
  fullText: z.string().max(200_000, '全文至多 20 万字'),
});
export type LibraryDocumentInput = z.infer<typeof LibraryDocumentInput>;

export const CreateLibraryDocumentBody = LibraryDocumentInput.extend({ region: RegionCode });
export type CreateLibraryDocumentBody = z.infer<typeof CreateLibraryDocumentBody>;

export const LibraryQuery = z.object({
  region: RegionCode,
  /** Searched in the title, the 文号 and the full text. */
  q: z.string().trim().max(100).optional(),
  validity: z.enum(DOCUMENT_VALIDITIES).optional(),
});
export type LibraryQuery = z.infer<typeof LibraryQuery>;

export interface LibraryDocument {
  id: number;
  regionCode: string;
  title: string;
  docNo: string | null;
  issuer: string;
  issuedOn: string;
  effectiveOn: string | null;
  validity: DocumentValidity;
  fullText: string;
  updatedAt: string;
}

/** A file attached to a document or to a training record (its materials); content by its own URL. */
export interface LibraryAttachment {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** One document as read: with its full text and attachments. */
export type LibraryDocumentDetail = LibraryDocument & { attachments: LibraryAttachment[] };

/** A list row: the full text is sent only with one document. */
export type LibraryDocumentSummary = Omit<LibraryDocument, 'fullText'>;

export const TrainingInput = z.object({
  region: RegionCode,
  heldOn: DateString,
  topic: Text('主题', 200),
  kind: z.enum(TRAINING_KINDS),
  attendance: z.number().int().min(0, '参加人数不能为负').max(100_000),
  materials: z.string().trim().max(2000, '材料说明至多 2000 字'),
});
export type TrainingInput = z.infer<typeof TrainingInput>;

export interface Training {
  id: number;
  regionCode: string;
  heldOn: string;
  topic: string;
  kind: TrainingKind;
  attendance: number;
  materials: string;
}

/** A training record as listed: with the materials attached to it. */
export type TrainingWithAttachments = Training & { attachments: LibraryAttachment[] };

/** Per year: the sessions of each kind and their attendance (section 二(一) of the county's report). */
export interface TrainingYearCount {
  year: number;
  study: number;
  lecture: number;
  attendance: number;
}
