// 评估问效: plans (list, read, create, revise), the ledger's measured indicators, 自评 and
// 实地评估 scores, and the final scores with the ranking.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../common/wire.ts';
import {
  CreatePlanBody,
  PlanListQuery,
  UnitStageScoresQuery,
  UnitScoresBody,
} from '../../common/wire-evaluation.ts';
import type { AppContext } from '../../context.ts';
import { computeEvaluationResult } from '../../domain/evaluation/compute-evaluation-result.ts';
import { getEvaluationPlan, listEvaluationPlans } from '../../domain/evaluation/get-evaluation-plan.ts';
import { getStageScores } from '../../domain/evaluation/get-stage-scores.ts';
import { measureEvaluationIndicators } from '../../domain/evaluation/measure-indicators.ts';
import { saveEvaluationPlan } from '../../domain/evaluation/save-evaluation-plan.ts';
import { scoreEvaluationStage } from '../../domain/evaluation/score-evaluation-stage.ts';
import { principal } from '../principal.ts';

const TAG = ['评估问效'];

export async function evaluationRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/evaluation/plans',
    { schema: { tags: TAG, summary: '评估方案列表', querystring: PlanListQuery } },
    async (req) =>
      listEvaluationPlans(ctx.db.kysely, { principal: principal(req), regionCode: req.query.region }),
  );

  r.get(
    '/api/evaluation/plans/:id',
    {
      schema: { tags: TAG, summary: '评估方案（被评估单位、领导小组、时间安排、指标体系）', params: IdParam },
    },
    async (req) => getEvaluationPlan(ctx.db.kysely, { principal: principal(req), planId: req.params.id }),
  );

  r.post(
    '/api/evaluation/plans',
    {
      schema: {
        tags: TAG,
        summary: '制定评估方案（编办；不给指标体系时用共性指标模板）',
        body: CreatePlanBody,
      },
    },
    async (req, reply) => {
      const { region, ...plan } = req.body;
      const saved = await saveEvaluationPlan(ctx, { principal: principal(req), regionCode: region, plan });
      return reply.code(201).send(saved);
    },
  );

  r.put(
    '/api/evaluation/plans/:id',
    {
      schema: { tags: TAG, summary: '修改评估方案和指标体系（编办）', params: IdParam, body: CreatePlanBody },
    },
    async (req) => {
      const { region, ...plan } = req.body;
      return saveEvaluationPlan(ctx, {
        principal: principal(req),
        regionCode: region,
        planId: req.params.id,
        plan,
      });
    },
  );

  r.get(
    '/api/evaluation/plans/:id/measures',
    { schema: { tags: TAG, summary: '系统测算的指标及其依据数据', params: IdParam } },
    async (req) =>
      measureEvaluationIndicators(ctx.db.kysely, { principal: principal(req), planId: req.params.id }),
  );

  r.post(
    '/api/evaluation/plans/:id/self-scores',
    { schema: { tags: TAG, summary: '填报自评（被评估单位）', params: IdParam, body: UnitScoresBody } },
    async (req) =>
      scoreEvaluationStage(ctx, {
        principal: principal(req),
        planId: req.params.id,
        body: { ...req.body, stage: 'self' },
      }),
  );

  r.post(
    '/api/evaluation/plans/:id/onsite-scores',
    { schema: { tags: TAG, summary: '实地评估打分（编办评估组）', params: IdParam, body: UnitScoresBody } },
    async (req) =>
      scoreEvaluationStage(ctx, {
        principal: principal(req),
        planId: req.params.id,
        body: { ...req.body, stage: 'onsite' },
      }),
  );

  r.get(
    '/api/evaluation/plans/:id/unit-scores',
    {
      schema: {
        tags: TAG,
        summary: '一个单位某阶段已保存的评分（联络员只看本单位自评）',
        params: IdParam,
        querystring: UnitStageScoresQuery,
      },
    },
    async (req) =>
      getStageScores(ctx.db.kysely, {
        principal: principal(req),
        planId: req.params.id,
        stage: req.query.stage,
        unitId: req.query.unit,
      }),
  );

  r.get(
    '/api/evaluation/plans/:id/result',
    { schema: { tags: TAG, summary: '最终得分、等次和排名', params: IdParam } },
    async (req) =>
      computeEvaluationResult(ctx.db.kysely, { principal: principal(req), planId: req.params.id }),
  );
}
