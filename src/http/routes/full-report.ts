// 全年汇报: the county's yearly report as a living document — read it with its live figures,
// save its prose (编办), render it as a .docx on an as-of date.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../common/wire.ts';
import {
  FullReportQuery,
  FullReportResponse,
  RenderFullReportBody,
  SaveFullReportBody,
} from '../../common/wire-full-report.ts';
import type { AppContext } from '../../context.ts';
import { getFullReport } from '../../domain/full-report/get-full-report.ts';
import { renderFullReport } from '../../domain/full-report/render-full-report.ts';
import { saveFullReport } from '../../domain/full-report/save-full-report.ts';
import { principal } from '../principal.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function fullReportRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/full-report',
    {
      schema: {
        tags: ['全年汇报'],
        summary: '全年汇报：文稿（含数字占位符）、统计日的全部数字、自上次生成以来变化的数字',
        querystring: FullReportQuery,
        response: { 200: FullReportResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) =>
      getFullReport(ctx.db.kysely, {
        principal: principal(req),
        regionCode: req.query.region,
        year: req.query.year,
        asOf: req.query.asOf,
      }),
  );

  r.put(
    '/api/full-report',
    {
      schema: {
        tags: ['全年汇报'],
        summary: '保存全年汇报文稿（编办）；引用系统中没有的数字则拒绝',
        body: SaveFullReportBody,
        response: { 200: z.object({ version: z.number() }), 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => saveFullReport(ctx, { principal: principal(req), body: req.body }),
  );

  r.post(
    '/api/full-report/render',
    {
      schema: {
        tags: ['全年汇报'],
        summary: '按统计日生成全年汇报 .docx（GB/T 9704），并记下本次的数字',
        body: RenderFullReportBody,
      },
    },
    async (req, reply) => {
      const out = await renderFullReport(ctx, {
        principal: principal(req),
        regionCode: req.body.region,
        year: req.body.year,
        asOf: req.body.asOf,
      });
      return reply
        .header('content-type', DOCX)
        .header(
          'content-disposition',
          `attachment; filename="full-report.docx"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`,
        )
        .send(out.file);
    },
  );
}
