// 机构改革: projects, the frozen baseline, sandbox plans, adoption, the comparison, 机构限额.
// Thin: zod validates, the use cases authorize with every entity the request names.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DateString } from '../../common/dates.ts';
import { Change } from '../../common/matters.ts';
import { CompareQuery, LimitBody, PlanBody, ProjectBody } from '../../common/wire-reform.ts';
import { IdParam, RegionCode } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { institutionLimitsOn } from '../../db/repositories/reform.ts';
import { adoptPlan } from '../../domain/reform/adopt-plan.ts';
import { compareReform } from '../../domain/reform/compare-reform.ts';
import { exportBaseline, exportComparison, type ReformFile } from '../../domain/reform/export-reform.ts';
import { freezeBaseline } from '../../domain/reform/freeze-baseline.ts';
import {
  changeProject,
  createProject,
  getReformProject,
  listReformProjects,
} from '../../domain/reform/manage-projects.ts';
import { comparePlans, previewPlan, runPlan } from '../../domain/reform/run-plan.ts';
import { loadPlan, savePlan } from '../../domain/reform/save-plan.ts';
import { setInstitutionLimit } from '../../domain/reform/set-institution-limit.ts';
import { principal } from '../principal.ts';

const MEDIA = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
const Format = z.object({ format: z.enum(['xlsx', 'docx']).default('xlsx') });
const TAGS = ['机构改革'];

export async function reformRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const send = (reply: FastifyReply, format: 'xlsx' | 'docx', f: ReformFile) =>
    reply
      .header('Content-Type', MEDIA[format])
      .header(
        'Content-Disposition',
        `attachment; filename="reform.${format}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      )
      .send(f.content);

  r.get(
    '/api/reform/projects',
    { schema: { tags: TAGS, summary: '机构改革项目列表', querystring: z.object({ region: RegionCode }) } },
    async (req) => listReformProjects(ctx, { principal: principal(req), regionCode: req.query.region }),
  );
  r.post(
    '/api/reform/projects',
    { schema: { tags: TAGS, summary: '新建机构改革项目', body: ProjectBody } },
    async (req) => ({ id: await createProject(ctx, { principal: principal(req), body: req.body }) }),
  );
  r.get(
    '/api/reform/projects/:id',
    { schema: { tags: TAGS, summary: '改革项目：底数、方案、已提出的事项', params: IdParam } },
    async (req) => getReformProject(ctx, { principal: principal(req), projectId: req.params.id }),
  );
  r.put(
    '/api/reform/projects/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改改革项目（底数冻结前）',
        params: IdParam,
        body: ProjectBody.omit({ regionCode: true }),
      },
    },
    async (req) => {
      await changeProject(ctx, { principal: principal(req), projectId: req.params.id, body: req.body });
      return { ok: true };
    },
  );
  r.post(
    '/api/reform/projects/:id/freeze',
    { schema: { tags: TAGS, summary: '冻结底数（不可更改，哈希记入审计链）', params: IdParam } },
    async (req) => freezeBaseline(ctx, { principal: principal(req), projectId: req.params.id }),
  );
  r.get(
    '/api/reform/projects/:id/baseline/export',
    {
      schema: { tags: TAGS, summary: '导出底数台账（.xlsx / .docx）', params: IdParam, querystring: Format },
    },
    async (req, reply) =>
      send(
        reply,
        req.query.format,
        await exportBaseline(ctx, {
          principal: principal(req),
          projectId: req.params.id,
          format: req.query.format,
        }),
      ),
  );
  r.post(
    '/api/reform/projects/:id/plans',
    { schema: { tags: TAGS, summary: '新建改革方案（草稿，不影响台账）', params: IdParam, body: PlanBody } },
    async (req) => ({
      id: await savePlan(ctx, {
        principal: principal(req),
        projectId: req.params.id,
        planId: null,
        body: req.body,
      }),
    }),
  );
  r.post(
    '/api/reform/projects/:id/preview',
    {
      schema: {
        tags: TAGS,
        summary: '试算未保存的方案：改革后的基本情况、框架图、违反的规则、逐单位对比，不写入任何数据',
        params: IdParam,
        body: z.object({ changes: z.array(Change).min(1).max(500) }),
      },
    },
    async (req) =>
      previewPlan(ctx, { principal: principal(req), projectId: req.params.id, changes: req.body.changes }),
  );
  r.get(
    '/api/reform/projects/:id/plans/compare',
    {
      schema: {
        tags: TAGS,
        summary: '多个方案并列比较',
        params: IdParam,
        querystring: z.object({ date: DateString.optional() }),
      },
    },
    async (req) =>
      comparePlans(ctx, { principal: principal(req), projectId: req.params.id, date: req.query.date }),
  );
  r.put(
    '/api/reform/plans/:id',
    { schema: { tags: TAGS, summary: '修改改革方案（采纳前）', params: IdParam, body: PlanBody } },
    async (req) => {
      const plan = await loadPlan(ctx.db.kysely, principal(req), req.params.id, 'reform.write');
      await savePlan(ctx, {
        principal: principal(req),
        projectId: plan.projectId,
        planId: plan.id,
        body: req.body,
      });
      return { ok: true };
    },
  );
  r.get(
    '/api/reform/plans/:id/sandbox',
    {
      schema: {
        tags: TAGS,
        summary: '方案沙盘推演：改革后的基本情况、框架图、违反的规则、逐单位对比',
        params: IdParam,
        querystring: z.object({ date: DateString.optional() }),
      },
    },
    async (req) => runPlan(ctx, { principal: principal(req), planId: req.params.id, date: req.query.date }),
  );
  r.post(
    '/api/reform/plans/:id/adopt',
    {
      schema: {
        tags: TAGS,
        summary: '采纳方案：一次提出其事项（动议），经论证、决定、实施后才进入台账',
        params: IdParam,
        body: z.object({ reasons: z.string().max(2000).default('') }),
      },
    },
    async (req) =>
      adoptPlan(ctx, { principal: principal(req), planId: req.params.id, reasons: req.body.reasons }),
  );
  r.get(
    '/api/reform/projects/:id/comparison',
    { schema: { tags: TAGS, summary: '改革前后对比', params: IdParam, querystring: CompareQuery } },
    async (req) =>
      compareReform(ctx, { principal: principal(req), projectId: req.params.id, asOf: req.query.asOf }),
  );
  r.get(
    '/api/reform/projects/:id/comparison/export',
    {
      schema: {
        tags: TAGS,
        summary: '导出改革前后对比表（.xlsx / .docx）',
        params: IdParam,
        querystring: CompareQuery.merge(Format),
      },
    },
    async (req, reply) =>
      send(
        reply,
        req.query.format,
        await exportComparison(ctx, {
          principal: principal(req),
          projectId: req.params.id,
          asOf: req.query.asOf,
          format: req.query.format,
        }),
      ),
  );
  r.get(
    '/api/reform/limits',
    { schema: { tags: TAGS, summary: '机构限额（现行）', querystring: z.object({ region: RegionCode }) } },
    async (req) => {
      await authorize(ctx.db.kysely, principal(req), 'reform.read', {
        region: req.query.region,
        wholeRegion: true,
      });
      return institutionLimitsOn(ctx.db.kysely, req.query.region, todayInChina());
    },
  );
  r.post(
    '/api/reform/limits',
    { schema: { tags: TAGS, summary: '设置机构限额（注明依据）', body: LimitBody } },
    async (req) => {
      await setInstitutionLimit(ctx, { principal: principal(req), body: req.body });
      return { ok: true };
    },
  );
}
