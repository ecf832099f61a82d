// 行政区划、机构树、机构详情、首页概况.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DateString,
  ErrorBody,
  IdParam,
  OverviewResponse,
  RegionCode,
  RegionDto,
  UnitDetail,
  UnitHistoryEntry,
  UnitNode,
} from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { listRegions } from '../../db/repositories/regions.ts';
import { regionWithin } from '../../common/region-code.ts';
import { getUnit } from '../../domain/registry/get-unit.ts';
import { listUnits } from '../../domain/registry/list-units.ts';
import { getOverview } from '../../domain/registry/overview.ts';
import { unitHistory } from '../../domain/registry/unit-history.ts';
import { principal } from '../principal.ts';
import { readCtx } from '../read-routing.ts';

const AsOfQuery = z.object({ asOf: DateString.optional() });

export async function ledgerRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/regions',
    {
      schema: { tags: ['行政区划'], summary: '本人可查看的行政区划', response: { 200: z.array(RegionDto) } },
    },
    async (req) => {
      const p = principal(req);
      const all = await listRegions(ctx.db.kysely);
      // The user's own region, what lies below it, and the chain above it (for display).
      return all
        .filter((g) => regionWithin(g.code, p.regionCode) || regionWithin(p.regionCode, g.code))
        .map((g) => ({
          code: g.code,
          name: g.name,
          level: g.level as RegionDto['level'],
          parentCode: g.parent_code,
        }));
    },
  );

  r.get(
    '/api/overview',
    {
      schema: {
        tags: ['机构'],
        summary: '首页概况：机构数与编制数',
        querystring: z.object({ region: RegionCode, asOf: DateString.optional() }),
        response: { 200: OverviewResponse, 403: ErrorBody },
      },
    },
    async (req) =>
      getOverview(readCtx(req, ctx), {
        principal: principal(req),
        regionCode: req.query.region,
        asOf: req.query.asOf ?? todayInChina(),
      }),
  );

  r.get(
    '/api/units',
    {
      schema: {
        tags: ['机构'],
        summary: '某日的机构树（平铺，含上级机构）',
        querystring: z.object({ region: RegionCode, asOf: DateString.optional() }),
        response: { 200: z.array(UnitNode), 403: ErrorBody },
      },
    },
    async (req) =>
      listUnits(readCtx(req, ctx), {
        principal: principal(req),
        regionCode: req.query.region,
        asOf: req.query.asOf ?? todayInChina(),
      }),
  );

  r.get(
    '/api/units/:id/history',
    {
      schema: {
        tags: ['机构'],
        summary: '机构沿革：按日期排列的文号链（机构、编制、领导职数、加挂牌子）',
        params: IdParam,
        response: { 200: z.array(UnitHistoryEntry), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => unitHistory(ctx, { principal: principal(req), unitId: req.params.id }),
  );

  r.get(
    '/api/units/:id',
    {
      schema: {
        tags: ['机构'],
        summary: '机构详情：基本情况、加挂牌子、沿革、编制与领导职数',
        params: IdParam,
        querystring: AsOfQuery,
        response: { 200: UnitDetail, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) =>
      getUnit(ctx, {
        principal: principal(req),
        unitId: req.params.id,
        asOf: req.query.asOf ?? todayInChina(),
      }),
  );
}
