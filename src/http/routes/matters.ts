// 事项办理: 动议 → 论证 → 审议决定 → 组织实施, with rule checks and attachments.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DateString, ErrorBody, IdParam, RegionCode } from '../../common/wire.ts';
import {
  AssessBody,
  CheckResponse,
  DecideBody,
  ImplementBody,
  MatterDetail,
  MatterList,
  MatterListQuery,
  ProposeBody,
  ReasonBody,
  ResubmitBody,
  WaitingCount,
} from '../../common/wire-matters.ts';
import type { AppContext } from '../../context.ts';
import { attachmentContent } from '../../db/repositories/attachments.ts';
import { notFound } from '../../errors.ts';
import { attachFile } from '../../domain/matters/attach-file.ts';
import { assessMatter, checkMatter } from '../../domain/matters/assess-matter.ts';
import { resubmitMatter, returnOrRejectMatter } from '../../domain/matters/close-matter.ts';
import { decideMatter } from '../../domain/matters/decide-matter.ts';
import { implementMatter } from '../../domain/matters/implement-matter.ts';
import { countWaiting, getMatter, listMatters } from '../../domain/matters/list-matters.ts';
import { loadMatter } from '../../domain/matters/matter-access.ts';
import { proposeMatter } from '../../domain/matters/propose-matter.ts';
import { blocking } from '../../domain/matters/rules.ts';
import { setControlTotal } from '../../domain/matters/set-control-total.ts';
import { principal } from '../principal.ts';
import { readUploadedFile } from '../upload.ts';
import type { Principal } from '../../domain/accounts/policies.ts';

const Detail = {
  200: MatterDetail,
  400: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

export async function matterRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext; attachmentMaxBytes: number },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const detail = (p: Principal, id: number) => getMatter(ctx, { principal: p, matterId: id });

  r.get(
    '/api/matters',
    {
      schema: {
        tags: ['事项办理'],
        summary: '事项列表（我的 / 待我处理 / 全部）',
        querystring: MatterListQuery,
        response: { 200: MatterList, 403: ErrorBody },
      },
    },
    async (req) => listMatters(ctx, { principal: principal(req), ...req.query, region: req.query.region }),
  );

  r.get(
    '/api/matters/waiting',
    {
      schema: {
        tags: ['事项办理'],
        summary: '待我处理的事项数（提醒）',
        querystring: z.object({ region: RegionCode }),
        response: { 200: WaitingCount },
      },
    },
    async (req) => ({
      waiting: await countWaiting(ctx, { principal: principal(req), region: req.query.region }),
    }),
  );

  r.post(
    '/api/matters',
    { schema: { tags: ['事项办理'], summary: '提出动议', body: ProposeBody, response: Detail } },
    async (req) => {
      const id = await proposeMatter(ctx, {
        principal: principal(req),
        regionCode: req.body.region,
        title: req.body.title,
        reasons: req.body.reasons,
        changes: req.body.changes,
      });
      return detail(principal(req), id);
    },
  );

  r.get(
    '/api/matters/:id',
    {
      schema: {
        tags: ['事项办理'],
        summary: '事项详情：变更、步骤、规则结果、附件',
        params: IdParam,
        response: Detail,
      },
    },
    async (req) => detail(principal(req), req.params.id),
  );

  r.get(
    '/api/matters/:id/check',
    {
      schema: {
        tags: ['事项办理'],
        summary: '按当前台账运行全部规则（不记录步骤）',
        params: IdParam,
        response: { 200: CheckResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const results = await checkMatter(ctx, { principal: principal(req), matterId: req.params.id });
      return { results, blocking: blocking(results).length };
    },
  );

  r.post(
    '/api/matters/:id/assess',
    { schema: { tags: ['事项办理'], summary: '论证', params: IdParam, body: AssessBody, response: Detail } },
    async (req) => {
      await assessMatter(ctx, {
        principal: principal(req),
        matterId: req.params.id,
        comment: req.body.comment,
        exceptionReason: req.body.exceptionReason,
      });
      return detail(principal(req), req.params.id);
    },
  );

  r.post(
    '/api/matters/:id/decide',
    {
      schema: {
        tags: ['事项办理'],
        summary: '审议决定（批准文号、日期）',
        params: IdParam,
        body: DecideBody,
        response: Detail,
      },
    },
    async (req) => {
      await decideMatter(ctx, { principal: principal(req), matterId: req.params.id, ...req.body });
      return detail(principal(req), req.params.id);
    },
  );

  r.post(
    '/api/matters/:id/implement',
    {
      schema: {
        tags: ['事项办理'],
        summary: '组织实施（生效日期）',
        params: IdParam,
        body: ImplementBody,
        response: Detail,
      },
    },
    async (req) => {
      await implementMatter(ctx, { principal: principal(req), matterId: req.params.id, ...req.body });
      return detail(principal(req), req.params.id);
    },
  );

  for (const action of ['return', 'reject'] as const) {
    r.post(
      `/api/matters/:id/${action}`,
      {
        schema: {
          tags: ['事项办理'],
          summary: action === 'return' ? '退回' : '驳回',
          params: IdParam,
          body: ReasonBody,
          response: Detail,
        },
      },
      async (req) => {
        await returnOrRejectMatter(ctx, {
          principal: principal(req),
          matterId: req.params.id,
          action,
          reason: req.body.reason,
        });
        return detail(principal(req), req.params.id);
      },
    );
  }

  r.post(
    '/api/matters/:id/resubmit',
    {
      schema: {
        tags: ['事项办理'],
        summary: '重新提交（可修改变更）',
        params: IdParam,
        body: ResubmitBody,
        response: Detail,
      },
    },
    async (req) => {
      await resubmitMatter(ctx, {
        principal: principal(req),
        matterId: req.params.id,
        comment: req.body.comment,
        changes: req.body.changes,
      });
      return detail(principal(req), req.params.id);
    },
  );

  r.post(
    '/api/matters/:id/attachments',
    {
      schema: {
        tags: ['事项办理'],
        summary: '上传附件（会议纪要、请示等，multipart：file；PDF、OFD、Word、Excel、WPS、图片、ZIP）',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: Detail,
      },
    },
    async (req) => {
      const p = principal(req);
      // Authorized on this matter before the body is read: a refused upload is never received.
      await loadMatter(ctx.db.kysely, p, req.params.id, 'matter.attach');
      const { fileName, content } = await readUploadedFile(req, deps.attachmentMaxBytes);
      await attachFile(ctx, { principal: p, matterId: req.params.id, fileName, content });
      return detail(p, req.params.id);
    },
  );

  r.get(
    '/api/matters/attachments/:id',
    { schema: { tags: ['事项办理'], summary: '下载附件', params: IdParam } },
    async (req, reply) => {
      const a = await attachmentContent(ctx.db.kysely, 'matter', req.params.id);
      if (!a || !('matterId' in a.owner)) throw notFound('附件');
      await loadMatter(ctx.db.kysely, principal(req), a.owner.matterId);
      return reply
        .header('Content-Type', a.mediaType)
        .header(
          'Content-Disposition',
          `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
        )
        .send(a.content);
    },
  );

  r.post(
    '/api/control-totals',
    {
      schema: {
        tags: ['事项办理'],
        summary: '设置严控总量（编办管理员）',
        body: z.object({
          region: RegionCode,
          quotaType: z.enum(['行政编制', '事业编制', '聘用编制']),
          total: z.number().int().min(0).max(10_000_000),
          effectiveFrom: DateString,
          docNo: z.string().max(100).nullable().default(null),
        }),
        response: { 204: z.null(), 403: ErrorBody },
      },
    },
    async (req, reply) => {
      await setControlTotal(ctx, {
        principal: principal(req),
        regionCode: req.body.region,
        quotaType: req.body.quotaType,
        total: req.body.total,
        effectiveFrom: req.body.effectiveFrom,
        docNo: req.body.docNo,
      });
      return reply.status(204).send(null);
    },
  );
}
