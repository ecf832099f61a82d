// The standards' inputs by hand (学生数与人口): student numbers per school and kindergarten,
// population of the county, its townships and health centres, per year. Office staff only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionCode } from '../../common/wire.ts';
import { PopulationInput, StudentInput } from '../../common/wire-timeliness.ts';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import {
  populationInputs,
  setPopulation,
  setStudentCounts,
  studentInputs,
} from '../../domain/standards/set-inputs.ts';
import { principal } from '../principal.ts';

const YearQuery = z.object({ region: RegionCode, year: z.coerce.number().int().min(1990).max(2100) });

export async function inputRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const readable = (req: Parameters<typeof principal>[0], region: string) =>
    authorize(ctx.db.kysely, principal(req), 'inputs.read', { region, wholeRegion: true });

  r.get(
    '/api/inputs/students',
    {
      schema: {
        tags: ['编制标准'],
        summary: '某年各中小学、幼儿园的学生数（高中、初中、小学、在园幼儿）',
        querystring: YearQuery,
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      return studentInputs(ctx.db.kysely, { regionCode: req.query.region, year: req.query.year });
    },
  );

  r.put(
    '/api/inputs/students',
    {
      schema: { tags: ['编制标准'], summary: '录入或更正某校某年的学生数（编办）', body: StudentInput },
    },
    async (req) =>
      setStudentCounts(ctx, {
        principal: principal(req),
        unitId: req.body.unitId,
        year: req.body.year,
        senior: req.body.senior,
        junior: req.body.junior,
        primary: req.body.primary,
        preschool: req.body.preschool,
      }),
  );

  r.get(
    '/api/inputs/population',
    {
      schema: {
        tags: ['编制标准'],
        summary: '某年全县、各乡镇的常住人口和各卫生院的服务人口',
        querystring: YearQuery,
      },
    },
    async (req) => {
      await readable(req, req.query.region);
      return populationInputs(ctx.db.kysely, { regionCode: req.query.region, year: req.query.year });
    },
  );

  r.put(
    '/api/inputs/population',
    {
      schema: { tags: ['编制标准'], summary: '录入或更正某年的人口（编办）', body: PopulationInput },
    },
    async (req) =>
      setPopulation(ctx, {
        principal: principal(req),
        regionCode: req.body.region,
        unitId: req.body.unitId,
        year: req.body.year,
        population: req.body.population,
      }),
  );
}
