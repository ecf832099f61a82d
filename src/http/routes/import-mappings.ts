// The mapping step of 数据导入 (docs/import.md): preview an office's own workbook through a
// suggested or given mapping, and the office's saved mappings. Importing through a mapping is
// POST /api/imports with `mapping` or `mappingId` (routes/exchange.ts).
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../common/wire.ts';
import { ImportMappingDto, MappingPreview, SavedMapping } from '../../common/wire-mapping.ts';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { deleteImportMapping } from '../../domain/exchange/delete-import-mapping.ts';
import { listImportMappings } from '../../domain/exchange/list-import-mappings.ts';
import { previewImportMapping } from '../../domain/exchange/preview-import-mapping.ts';
import { saveImportMapping } from '../../domain/exchange/save-import-mapping.ts';
import type { ImportJobs } from '../import-jobs.ts';
import { actorOf, principal } from '../principal.ts';
import { mappingOfFields, receiveUpload } from './exchange.ts';

export async function importMappingRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext; jobs: ImportJobs },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx, jobs } = deps;

  r.post(
    '/api/import-mappings/preview',
    {
      schema: {
        tags: ['导入导出'],
        summary:
          '预览单位自己的工作簿：建议（或按给定）映射，显示前几行（multipart：files、mapping 或 mappingId）',
        consumes: ['multipart/form-data'],
        response: { 200: MappingPreview, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      const p = principal(req);
      await authorize(ctx.db.kysely, p, 'data.import', { region: p.regionCode, wholeRegion: true });
      const dir = jobs.folder('upload');
      try {
        const { files, fields } = await receiveUpload(req, dir);
        const mapping = await mappingOfFields(ctx, p.regionCode, fields);
        return await previewImportMapping(ctx, {
          paths: files.map((f) => f.path),
          mapping: mapping ?? null,
          regionCode: p.regionCode,
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  r.get(
    '/api/import-mappings',
    {
      schema: {
        tags: ['导入导出'],
        summary: '本县保存的导入映射',
        response: { 200: z.array(SavedMapping), 403: ErrorBody },
      },
    },
    async (req) => {
      const p = principal(req);
      await authorize(ctx.db.kysely, p, 'data.import', { region: p.regionCode, wholeRegion: true });
      return listImportMappings(ctx.db.kysely, p.regionCode);
    },
  );

  r.put(
    '/api/import-mappings',
    {
      schema: {
        tags: ['导入导出'],
        summary: '保存导入映射（同名则替换）',
        body: ImportMappingDto,
        response: { 200: SavedMapping, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      const p = principal(req);
      await authorize(ctx.db.kysely, p, 'data.import', { region: p.regionCode, wholeRegion: true });
      return saveImportMapping(ctx, { actor: actorOf(p), regionCode: p.regionCode, mapping: req.body });
    },
  );

  r.delete(
    '/api/import-mappings/:id',
    {
      schema: {
        tags: ['导入导出'],
        summary: '删除导入映射',
        params: z.object({ id: z.coerce.number().int() }),
        response: { 204: z.null(), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await authorize(ctx.db.kysely, p, 'data.import', { region: p.regionCode, wholeRegion: true });
      await deleteImportMapping(ctx, { actor: actorOf(p), regionCode: p.regionCode, id: req.params.id });
      return reply.status(204).send(null);
    },
  );
}
