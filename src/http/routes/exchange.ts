// 数据导入 (upload → background job with progress) and 数据导出 (the exchange workbook).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ImportMapping } from '../../common/exchange-mapping.ts';
import { ErrorBody, ExportQuery, ImportJob } from '../../common/wire.ts';
import { MappingField } from '../../common/wire-mapping.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { exportWorkbook } from '../../domain/exchange/export-workbook.ts';
import { loadImportMapping } from '../../domain/exchange/list-import-mappings.ts';
import { invalid } from '../../errors.ts';
import type { ImportJobs } from '../import-jobs.ts';
import { actorOf, principal } from '../principal.ts';
import { readCtx } from '../read-routing.ts';

/** Keeps the table name an uploaded CSV is known by (机构.csv), and nothing that could escape the folder. */
export function safeUploadName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const cleaned = base.replace(/[^\p{L}\p{N}._-]/gu, '_');
  if (!/\.(xlsx|csv)$/i.test(cleaned)) throw invalid(`不支持的文件类型：${base}（应为 .xlsx 或 .csv）`);
  return cleaned;
}

/** An exchange workbook of a whole county may be large; other uploads keep the small default. */
const IMPORT_FILE_LIMIT = 200 * 1024 * 1024;

/**
 * Receives an upload's files into `dir` (removed again if the upload fails) and its other
 * fields as text.
 */
export async function receiveUpload(
  req: FastifyRequest,
  dir: string,
): Promise<{ files: { path: string; name: string }[]; fields: Record<string, string> }> {
  const files: { path: string; name: string }[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: IMPORT_FILE_LIMIT } })) {
      if (part.type === 'file') {
        const name = safeUploadName(part.filename);
        if (files.some((f) => f.name === name)) throw invalid(`重复上传的文件：${name}`);
        const target = path.join(dir, name);
        await pipeline(part.file, fs.createWriteStream(target));
        if (part.file.truncated) throw invalid(`文件过大：${name}`);
        files.push({ path: target, name });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
    if (files.length === 0) throw invalid('请选择要导入的文件');
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { files, fields };
}

/** The mapping an upload names: `mapping` (JSON) or `mappingId` (one saved for the county); none. */
export async function mappingOfFields(
  ctx: AppContext,
  regionCode: string,
  fields: Record<string, string>,
): Promise<ImportMapping | undefined> {
  if (fields.mapping !== undefined && fields.mapping !== '') {
    let json: unknown;
    try {
      json = JSON.parse(fields.mapping);
    } catch {
      throw invalid('映射不是有效的 JSON');
    }
    const parsed = MappingField.safeParse(json);
    if (!parsed.success) throw invalid('映射的格式不正确', parsed.error.issues);
    return parsed.data;
  }
  if (fields.mappingId !== undefined && fields.mappingId !== '') {
    const id = Number(fields.mappingId);
    if (!Number.isSafeInteger(id)) throw invalid('mappingId 应为整数');
    return loadImportMapping(ctx.db.kysely, regionCode, id);
  }
  return undefined;
}

export async function exchangeRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext; jobs: ImportJobs },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx, jobs } = deps;

  r.post(
    '/api/imports',
    {
      schema: {
        tags: ['导入导出'],
        summary:
          '上传并导入交换格式文件，或经映射导入单位自己的工作簿（multipart：files、dryRun、ignoreExtraColumns、mapping 或 mappingId）',
        consumes: ['multipart/form-data'],
        response: { 202: ImportJob, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      // The worker writes only the principal's own county (allowedRegions).
      await authorize(ctx.db.kysely, p, 'data.import', { region: p.regionCode, wholeRegion: true });
      const dir = jobs.folder('upload');
      const { files, fields } = await receiveUpload(req, dir);
      const mapping = await mappingOfFields(ctx, p.regionCode, fields).catch((e: unknown) => {
        fs.rmSync(dir, { recursive: true, force: true });
        throw e;
      });
      const job = jobs.start({
        principal: p,
        files,
        dryRun: fields.dryRun === 'true',
        ignoreExtraColumns: fields.ignoreExtraColumns === 'true',
        mapping,
        cleanupDir: dir,
      });
      return reply.status(202).send(job);
    },
  );

  r.get(
    '/api/imports/:id',
    {
      // The import commits in a worker: its poll remembers the WAL position, so that the user's
      // next pages read the primary until the standby has replayed the import.
      config: { reportsWrite: true },
      schema: {
        tags: ['导入导出'],
        summary: '导入任务的进度与结果',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: ImportJob, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => jobs.get(req.params.id, principal(req)),
  );

  r.post(
    '/api/imports/:id/cancel',
    {
      schema: {
        tags: ['导入导出'],
        summary: '取消本人正在进行的导入（提交之前取消的导入不写入任何数据；已结束的任务原样返回）',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: ImportJob, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => jobs.cancel(req.params.id, principal(req)),
  );

  r.get(
    '/api/export',
    {
      schema: {
        tags: ['导入导出'],
        summary: '导出一个县的交换格式工作簿（.xlsx，含完整身份证号，仅编办）',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await authorize(ctx.db.kysely, p, 'data.export', { region: req.query.region, wholeRegion: true });
      const region = await findRegion(ctx.db.kysely, req.query.region);
      const dir = jobs.folder('export');
      const file = path.join(dir, 'export.xlsx');
      try {
        await exportWorkbook(readCtx(req, ctx), {
          actor: actorOf(p),
          regionCode: req.query.region,
          out: file,
        });
      } catch (e) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      const name = `${region?.name ?? req.query.region}机构编制数据_${todayInChina()}.xlsx`;
      const stream = fs.createReadStream(file);
      stream.on('close', () => fs.rmSync(dir, { recursive: true, force: true }));
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'Content-Disposition',
          `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(stream);
    },
  );
}
