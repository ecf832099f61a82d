// 人员名册: list, detail and (for the office, audited) the full 身份证号.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ErrorBody,
  IdParam,
  PeoplePage,
  PeopleQuery,
  PersonDetail,
  RevealResponse,
} from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { getPerson, revealIdNumber } from '../../domain/people/get-person.ts';
import { listPeople } from '../../domain/people/list-people.ts';
import { principal } from '../principal.ts';
import { readCtx } from '../read-routing.ts';

export async function peopleRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/people',
    {
      schema: {
        tags: ['人员'],
        summary: '人员列表（服务端分页，身份证号脱敏）',
        querystring: PeopleQuery,
        response: { 200: PeoplePage, 403: ErrorBody },
      },
    },
    async (req) => listPeople(readCtx(req, ctx), { principal: principal(req), query: req.query }),
  );

  r.get(
    '/api/people/:id',
    {
      schema: {
        tags: ['人员'],
        summary: '人员详情及编制历史',
        params: IdParam,
        response: { 200: PersonDetail, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => getPerson(ctx, { principal: principal(req), personId: req.params.id }),
  );

  r.post(
    '/api/people/:id/reveal-id',
    {
      schema: {
        tags: ['人员'],
        summary: '查看完整身份证号（仅编办，记入审计日志）',
        params: IdParam,
        response: { 200: RevealResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => ({
      idNumber: await revealIdNumber(ctx, { principal: principal(req), personId: req.params.id }),
    }),
  );
}
