// 交叉互评: the evaluated county's office names evaluators of another county (and revokes them);
// an evaluator lists the plans they evaluate, reads the stage scores and scores the 交叉互评
// stage. Every request goes through authorize(), which opens the plan to an evaluator by their
// grant (src/domain/accounts/scope-grants.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../common/wire.ts';
import {
  CrossEvaluatorBody,
  CrossEvaluatorParams,
  StageScoresQuery,
  UnitScoresBody,
} from '../../common/wire-evaluation.ts';
import type { AppContext } from '../../context.ts';
import { grantCrossEvaluator } from '../../domain/evaluation/grant-cross-evaluator.ts';
import { listCrossEvaluators, myCrossGrants } from '../../domain/evaluation/list-cross-evaluators.ts';
import { listStageScores } from '../../domain/evaluation/list-stage-scores.ts';
import { revokeCrossEvaluator } from '../../domain/evaluation/revoke-cross-evaluator.ts';
import { scoreEvaluationStage } from '../../domain/evaluation/score-evaluation-stage.ts';
import { principal } from '../principal.ts';

const TAG = ['评估问效'];

export async function evaluationCrossRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/evaluation/cross-grants',
    { schema: { tags: TAG, summary: '我的交叉互评任务（授权有效的评估方案和被评估单位）' } },
    async (req) => myCrossGrants(ctx.db.kysely, { principal: principal(req) }),
  );

  r.get(
    '/api/evaluation/plans/:id/cross-evaluators',
    { schema: { tags: TAG, summary: '交叉互评人员及其授权状态（被评估县编办）', params: IdParam } },
    async (req) => listCrossEvaluators(ctx.db.kysely, { principal: principal(req), planId: req.params.id }),
  );

  r.post(
    '/api/evaluation/plans/:id/cross-evaluators',
    {
      schema: {
        tags: TAG,
        summary: '授权其他县用户为交叉互评人员（至交叉互评阶段结束自动失效）',
        params: IdParam,
        body: CrossEvaluatorBody,
      },
    },
    async (req, reply) => {
      const saved = await grantCrossEvaluator(ctx, {
        principal: principal(req),
        planId: req.params.id,
        userId: req.body.userId,
      });
      return reply.code(201).send(saved);
    },
  );

  r.delete(
    '/api/evaluation/plans/:id/cross-evaluators/:userId',
    { schema: { tags: TAG, summary: '撤销交叉互评授权', params: CrossEvaluatorParams } },
    async (req) =>
      revokeCrossEvaluator(ctx, {
        principal: principal(req),
        planId: req.params.id,
        userId: req.params.userId,
      }),
  );

  r.get(
    '/api/evaluation/plans/:id/scores',
    {
      schema: {
        tags: TAG,
        summary: '各阶段评分（自评、实地评估、交叉互评）',
        params: IdParam,
        querystring: StageScoresQuery,
      },
    },
    async (req) =>
      listStageScores(ctx.db.kysely, {
        principal: principal(req),
        planId: req.params.id,
        unitId: req.query.unitId,
      }),
  );

  r.post(
    '/api/evaluation/plans/:id/cross-scores',
    {
      schema: {
        tags: TAG,
        summary: '交叉互评打分（受授权的其他县评估人员，仅在交叉互评阶段内）',
        params: IdParam,
        body: UnitScoresBody,
      },
    },
    async (req) =>
      scoreEvaluationStage(ctx, {
        principal: principal(req),
        planId: req.params.id,
        body: { ...req.body, stage: 'cross' },
      }),
  );
}
