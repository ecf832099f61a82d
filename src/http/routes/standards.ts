// 编制标准 and 数据比对: the standards engine (results, what-if, versions, saving) and the
// reconciliation of other departments' lists with the establishment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StandardsWhatIf } from '../../common/standards.ts';
import { IdParam, RegionCode } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { nowIso, todayInChina } from '../../context.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { DIFFERENCE_KINDS, RECONCILIATION_SOURCES } from '../../domain/reconciliation/compare.ts';
import {
  allReconciliationItems,
  getReconciliation,
  listReconciliationItems,
  listReconciliations,
} from '../../domain/reconciliation/list-reconciliations.ts';
import { reconcileList } from '../../domain/reconciliation/reconcile-list.ts';
import {
  computeStandards,
  defaultStandardsYear,
  standardVersions,
} from '../../domain/standards/compute-standards.ts';
import { saveStandard } from '../../domain/standards/save-standard.ts';
import { invalid } from '../../errors.ts';
import { renderStandardsXlsx } from '../../report/standards-xlsx.ts';
import { writeDifferences } from '../../report/reconciliation-xlsx.ts';
import { principal } from '../principal.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) =>
  `attachment; filename="file.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
const YearQuery = z.object({
  region: RegionCode,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export async function standardsRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const readable = (req: Parameters<typeof principal>[0], region: string) =>
    authorize(ctx.db.kysely, principal(req), 'standards.read', { region, wholeRegion: true });
  const yearOf = async (region: string, year: number | undefined) =>
    year ?? (await defaultStandardsYear(ctx.db.kysely, region));

  r.get(
    '/api/standards',
    {
      schema: {
        tags: ['编制标准'],
        summary: '按编制标准测算：各单位应配、核定、实有、缺配与超配',
        querystring: YearQuery,
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      return computeStandards(ctx.db.kysely, {
        regionCode: req.query.region,
        year: await yearOf(req.query.region, req.query.year),
      });
    },
  );

  r.post(
    '/api/standards/what-if',
    {
      schema: {
        tags: ['编制标准'],
        summary: '假设测算：改比例或学生数，立即看结果，不保存任何数据',
        body: z.object({
          region: RegionCode,
          year: z.number().int().min(2000).max(2100).optional(),
          overrides: StandardsWhatIf,
        }),
      },
    },
    async (req) => {
      await readable(req, req.body.region);
      return computeStandards(ctx.db.kysely, {
        regionCode: req.body.region,
        year: await yearOf(req.body.region, req.body.year),
        overrides: req.body.overrides,
      });
    },
  );

  r.get(
    '/api/standards/versions',
    {
      schema: {
        tags: ['编制标准'],
        summary: '本县各编制标准的全部版本',
        querystring: z.object({ region: RegionCode }),
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      return standardVersions(ctx.db.kysely, req.query.region);
    },
  );

  r.post(
    '/api/standards',
    {
      schema: {
        tags: ['编制标准'],
        summary: '保存编制标准的新版本（编办）',
        body: z.object({ region: RegionCode, standard: z.unknown() }),
      },
    },
    async (req) =>
      saveStandard(ctx, {
        principal: principal(req),
        regionCode: req.body.region,
        standard: req.body.standard,
      }),
  );

  r.get(
    '/api/standards/export',
    { schema: { tags: ['编制标准'], summary: '导出测算结果（.xlsx）', querystring: YearQuery } },
    async (req, reply) => {
      await readable(req, req.query.region);
      const result = await computeStandards(ctx.db.kysely, {
        regionCode: req.query.region,
        year: await yearOf(req.query.region, req.query.year),
      });
      return reply
        .header('Content-Type', XLSX)
        .header('Content-Disposition', attachment(`编制标准测算_${result.year}.xlsx`))
        .send(await renderStandardsXlsx(result));
    },
  );

  // ---- 数据比对 ----
  r.post(
    '/api/reconciliations',
    {
      schema: {
        tags: ['数据比对'],
        summary: '上传组织部/人社/财政名单并与实名库比对（multipart：file、source、comparedOn）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const p = principal(req);
      await authorize(ctx.db.kysely, p, 'reconciliation.run', { region: p.regionCode, wholeRegion: true });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-reconcile-'));
      try {
        let file: string | null = null;
        let fileName = '';
        const fields: Record<string, string> = {};
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            fileName = path.basename(part.filename.replace(/\\/g, '/'));
            if (!/\.(xlsx|csv)$/i.test(fileName))
              throw invalid(`不支持的文件类型：${fileName}（应为 .xlsx 或 .csv）`);
            file = path.join(dir, `list${path.extname(fileName).toLowerCase()}`);
            await pipeline(part.file, fs.createWriteStream(file));
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
        if (!file) throw invalid('请选择名单文件');
        const source = fields.source ?? '';
        if (!(RECONCILIATION_SOURCES as readonly string[]).includes(source))
          throw invalid(`名单来源应为：${RECONCILIATION_SOURCES.join('、')}`);
        const comparedOn =
          fields.comparedOn && /^\d{4}-\d{2}-\d{2}$/.test(fields.comparedOn)
            ? fields.comparedOn
            : todayInChina();
        return await reconcileList(ctx, {
          principal: p,
          regionCode: p.regionCode,
          source,
          file,
          fileName,
          comparedOn,
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  r.get(
    '/api/reconciliations',
    {
      schema: {
        tags: ['数据比对'],
        summary: '历次比对及其结果数',
        querystring: z.object({
          region: RegionCode,
          source: z.string().max(20).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (req) =>
      listReconciliations(ctx, {
        principal: principal(req),
        regionCode: req.query.region,
        source: req.query.source,
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
  );

  r.get(
    '/api/reconciliations/:id',
    { schema: { tags: ['数据比对'], summary: '一次比对的概况', params: IdParam } },
    async (req) => getReconciliation(ctx, { principal: principal(req), id: req.params.id }),
  );

  r.get(
    '/api/reconciliations/:id/items',
    {
      schema: {
        tags: ['数据比对'],
        summary: '一次比对的差异（分页，可按类型筛选）',
        params: IdParam,
        querystring: z.object({
          kind: z.enum(DIFFERENCE_KINDS).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    },
    async (req) =>
      listReconciliationItems(ctx, {
        principal: principal(req),
        id: req.params.id,
        kind: req.query.kind,
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
  );

  r.get(
    '/api/reconciliations/:id/export',
    { schema: { tags: ['数据比对'], summary: '导出全部差异（.xlsx）', params: IdParam } },
    async (req, reply) => {
      const p = principal(req);
      const summary = await getReconciliation(ctx, { principal: p, id: req.params.id });
      const items = await allReconciliationItems(ctx, { principal: p, id: req.params.id });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-diff-'));
      try {
        const file = path.join(dir, 'diff.xlsx');
        await writeDifferences(summary, items, file);
        const buffer = fs.readFileSync(file);
        return reply
          .header('Content-Type', XLSX)
          .header(
            'Content-Disposition',
            attachment(`数据比对差异_${req.params.id}_${nowIso().slice(0, 10)}.xlsx`),
          )
          .send(buffer);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
