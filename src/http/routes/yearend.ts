// 统计年报: the year-end tables and their checks, the .xlsx export (only when every check
// passes), and the submission that locks the year.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../common/wire.ts';
import {
  YearendQuery,
  YearendResponse,
  YearendSubmissionDto,
  YearendSubmitBody,
} from '../../common/wire-yearend.ts';
import type { AppContext } from '../../context.ts';
import { getYearend } from '../../domain/yearend/get-yearend.ts';
import { submitYearend } from '../../domain/yearend/submit-yearend.ts';
import { AppError } from '../../errors.ts';
import { renderYearendXlsx } from '../../report/yearend-xlsx.ts';
import { principal } from '../principal.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function yearendRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/yearend',
    {
      schema: {
        tags: ['统计年报'],
        summary: '年末机构编制统计：四张统计表、表内表间校验、上报锁定情况与上报后的差异',
        querystring: YearendQuery,
        response: { 200: YearendResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) =>
      getYearend(ctx.db.kysely, {
        principal: principal(req),
        regionCode: req.query.region,
        year: req.query.year,
      }),
  );

  r.get(
    '/api/yearend/export',
    {
      schema: {
        tags: ['统计年报'],
        summary: '导出统计年报 .xlsx（固定格式；校验不通过则拒绝导出）',
        querystring: YearendQuery,
      },
    },
    async (req, reply) => {
      const y = await getYearend(ctx.db.kysely, {
        principal: principal(req),
        regionCode: req.query.region,
        year: req.query.year,
      });
      const failed = y.checks.filter((c) => !c.ok);
      if (failed.length > 0)
        throw new AppError('RULE_VIOLATION', `统计年报校验未通过（${failed.length} 项），不能导出`, {
          checks: failed,
        });
      const file = await renderYearendXlsx({ ...y, hash: y.submission?.hash ?? null });
      const name = `${y.regionName}${y.year}年机构编制统计.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="yearend.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(file);
    },
  );

  r.post(
    '/api/yearend/submit',
    {
      schema: {
        tags: ['统计年报'],
        summary: '上报统计年报并锁定该年度（全部校验通过才可上报；每年只能上报一次）',
        body: YearendSubmitBody,
        response: {
          200: YearendSubmissionDto,
          400: ErrorBody,
          403: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req) =>
      submitYearend(ctx, { principal: principal(req), regionCode: req.body.region, year: req.body.year }),
  );
}
