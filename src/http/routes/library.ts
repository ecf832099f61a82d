// 法规制度 library (search, read, add, revise, attach files) and the training records (list,
// record, attach materials, counts per year for section 二(一) of the county's report).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, RegionCode } from '../../common/wire.ts';
import {
  CreateLibraryDocumentBody,
  LibraryDocumentInput,
  LibraryQuery,
  TrainingInput,
} from '../../common/wire-library.ts';
import type { AppContext } from '../../context.ts';
import {
  attachLibraryFile,
  authorizeLibraryUpload,
  type AttachmentOwner,
} from '../../domain/library/attach-library-file.ts';
import { addLibraryDocument } from '../../domain/library/add-library-document.ts';
import { countTrainingsByYear, listTrainingRecords } from '../../domain/library/list-trainings.ts';
import { recordTraining } from '../../domain/library/record-training.ts';
import { reviseLibraryDocument } from '../../domain/library/revise-library-document.ts';
import {
  getLibraryAttachment,
  getLibraryDocument,
  searchLibraryDocuments,
} from '../../domain/library/search-library-documents.ts';
import { principal } from '../principal.ts';
import { readUploadedFile } from '../upload.ts';

const TAG = ['法规制度'];

export async function libraryRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext; attachmentMaxBytes: number },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  /** Authorized on the owner before the body is read: a refused upload is never received. */
  const upload = async (req: FastifyRequest, owner: AttachmentOwner) => {
    const p = principal(req);
    await authorizeLibraryUpload(ctx.db.kysely, p, owner);
    const { fileName, content } = await readUploadedFile(req, deps.attachmentMaxBytes);
    return attachLibraryFile(ctx, { principal: p, owner, fileName, content });
  };
  const UPLOAD = '（multipart：file；PDF、OFD、Word、Excel、WPS、图片、ZIP）';

  r.get(
    '/api/library/documents',
    { schema: { tags: TAG, summary: '法规制度：按标题、文号、全文检索', querystring: LibraryQuery } },
    async (req) =>
      searchLibraryDocuments(ctx.db.kysely, {
        principal: principal(req),
        regionCode: req.query.region,
        text: req.query.q,
        validity: req.query.validity,
      }),
  );

  r.get(
    '/api/library/documents/:id',
    { schema: { tags: TAG, summary: '法规制度文件（含全文）', params: IdParam } },
    async (req) =>
      getLibraryDocument(ctx.db.kysely, { principal: principal(req), documentId: req.params.id }),
  );

  r.post(
    '/api/library/documents',
    { schema: { tags: TAG, summary: '新增法规制度文件（编办）', body: CreateLibraryDocumentBody } },
    async (req, reply) => {
      const { region, ...document } = req.body;
      const saved = await addLibraryDocument(ctx, {
        principal: principal(req),
        regionCode: region,
        document,
      });
      return reply.code(201).send(saved);
    },
  );

  r.put(
    '/api/library/documents/:id',
    {
      schema: {
        tags: TAG,
        summary: '修改法规制度文件或其效力状态（编办）',
        params: IdParam,
        body: LibraryDocumentInput,
      },
    },
    async (req) =>
      reviseLibraryDocument(ctx, {
        principal: principal(req),
        documentId: req.params.id,
        document: req.body,
      }),
  );

  r.get(
    '/api/library/trainings',
    {
      schema: {
        tags: TAG,
        summary: '学习宣讲记录',
        querystring: z.object({
          region: RegionCode,
          year: z.coerce.number().int().min(1990).max(2100).optional(),
        }),
      },
    },
    async (req) =>
      listTrainingRecords(ctx.db.kysely, {
        principal: principal(req),
        regionCode: req.query.region,
        year: req.query.year,
      }),
  );

  r.post(
    '/api/library/trainings',
    { schema: { tags: TAG, summary: '记录一次学习或宣讲（编办）', body: TrainingInput } },
    async (req, reply) => {
      const saved = await recordTraining(ctx, { principal: principal(req), training: req.body });
      return reply.code(201).send(saved);
    },
  );

  r.get(
    '/api/library/trainings/counts',
    {
      schema: {
        tags: TAG,
        summary: '每年学习、宣讲次数及参加人次（汇报第二部分第一节）',
        querystring: z.object({ region: RegionCode }),
      },
    },
    async (req) =>
      countTrainingsByYear(ctx.db.kysely, { principal: principal(req), regionCode: req.query.region }),
  );

  r.post(
    '/api/library/documents/:id/attachments',
    {
      schema: {
        tags: TAG,
        summary: `法规制度文件上传附件（编办）${UPLOAD}`,
        params: IdParam,
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => upload(req, { documentId: req.params.id }),
  );

  r.post(
    '/api/library/trainings/:id/attachments',
    {
      schema: {
        tags: TAG,
        summary: `学习宣讲记录上传材料（编办）${UPLOAD}`,
        params: IdParam,
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => upload(req, { trainingId: req.params.id }),
  );

  r.get(
    '/api/library/attachments/:id',
    { schema: { tags: TAG, summary: '下载法规制度或学习宣讲的附件', params: IdParam } },
    async (req, reply) => {
      const a = await getLibraryAttachment(ctx.db.kysely, {
        principal: principal(req),
        attachmentId: req.params.id,
      });
      return reply
        .header('Content-Type', a.mediaType)
        .header(
          'Content-Disposition',
          `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
        )
        .send(a.content);
    },
  );
}
