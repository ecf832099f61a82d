// 中文域名: the register, renewals due, operations, and the change list produced by matters.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, RegionCode } from '../../common/wire.ts';
import { DomainBody, DomainListQuery, DomainOperationBody } from '../../common/wire-registration.ts';
import type { AppContext } from '../../context.ts';
import { domainChangeList, listDomains } from '../../domain/domains/list-domains.ts';
import { recordDomainOperation } from '../../domain/domains/record-domain-operation.ts';
import { registerDomain } from '../../domain/domains/register-domain.ts';
import { principal } from '../principal.ts';

const TAG = ['中文域名'];

export async function domainRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  r.get(
    '/api/domains',
    { schema: { tags: TAG, summary: '中文域名（可只看 N 天内到期需续费的）', querystring: DomainListQuery } },
    async (req) =>
      listDomains(ctx, {
        principal: principal(req),
        regionCode: req.query.region,
        dueWithinDays: req.query.dueWithinDays,
      }),
  );
  r.get(
    '/api/domains/changes',
    {
      schema: {
        tags: TAG,
        summary: '因更名、合并、撤销需变更或注销域名的单位',
        querystring: z.object({ region: RegionCode, all: z.enum(['1', '0']).optional() }),
      },
    },
    async (req) =>
      domainChangeList(ctx, {
        principal: principal(req),
        regionCode: req.query.region,
        openOnly: req.query.all !== '1',
      }),
  );
  r.post(
    '/api/domains',
    { schema: { tags: TAG, summary: '登记中文域名（检查命名规则与后缀）', body: DomainBody } },
    async (req) => ({
      id: await registerDomain(ctx, { principal: principal(req), ...req.body }),
    }),
  );
  r.post(
    '/api/domains/:id/operations',
    {
      schema: {
        tags: TAG,
        summary: '转移、冻结、解冻、续费、变更、删除',
        params: IdParam,
        body: DomainOperationBody,
      },
    },
    async (req) => {
      await recordDomainOperation(ctx, { principal: principal(req), domainId: req.params.id, ...req.body });
      return { ok: true };
    },
  );
}
