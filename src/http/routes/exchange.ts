// 数据导入 (upload → background job with progress) and 数据导出 (the exchange workbook).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, ExportQuery, ImportJob } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { exportWorkbook } from '../../domain/exchange/export-workbook.ts';
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
        summary: '上传并导入交换格式文件（multipart：files、dryRun、ignoreExtraColumns）',
        consumes: ['multipart/form-data'],
        response: { 202: ImportJob, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      // The worker writes only the principal's own county (allowedRegions).
      await authorize(ctx.db.kysely, p, 'data.import', { region: p.regionCode, wholeRegion: true });
      const dir = jobs.folder('upload');
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
      const job = jobs.start({
        principal: p,
        files,
        dryRun: fields.dryRun === 'true',
        ignoreExtraColumns: fields.ignoreExtraColumns === 'true',
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
