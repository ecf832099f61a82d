// 人口与编制: resident population by year against the approved quota, growth since a base year,
// quota per 10,000 residents by county and township, and the units with very few posts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../common/wire.ts';
import { PopulationQuery, PopulationResponse } from '../../common/wire-population.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { populationAgainstQuota } from '../../domain/standards/population-quota.ts';
import { principal } from '../principal.ts';

export async function populationRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/reports/population',
    {
      schema: {
        tags: ['统计报表'],
        summary: '人口与编制：常住人口增长、编制总量变化、每万人编制数与编制过少的单位',
        querystring: PopulationQuery,
        response: { 200: PopulationResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      await authorize(ctx.db.kysely, principal(req), 'report.read', {
        region: req.query.region,
        wholeRegion: true,
      });
      return populationAgainstQuota(ctx.db.kysely, {
        regionCode: req.query.region,
        baseYear: req.query.baseYear,
        smallUnitThreshold: req.query.threshold,
        today: todayInChina(),
      });
    },
  );
}
